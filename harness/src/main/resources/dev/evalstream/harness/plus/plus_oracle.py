# evalstream's evalplus oracle: trusted code that runs in the sandbox's judge (never in the
# sample's process), as the "trusted" program of a judge spec. The JVM's PlusOracle appends one
# call: _ep_judge(<entry point>, <data>) or _ep_record(<entry point>, <data>). The entry point is
# the judge's call proxy to the sample (or, at publication, to the canonical solution); only plain
# data crosses, and the expected outputs and the comparison stay here.
#
# Comparison follows evalplus (eval/__init__.py, v0.1.10 onwards): exact ==, else a float
# tolerance (atol; 1e-6 once any expected output is floats, and it stays for later inputs as in
# evalplus's loop), type and length checks first, numpy.allclose's rule with rtol 1e-7; special
# checks for HumanEval/32 (find_zero: |poly(xs, x)| <= atol) and MBPP+'s tasks named below.
# Expected outputs are stored inline ("v" + plain encoding) or, when large and not floats, as a
# digest of a canonical form that equal values share ("h"): see _ep_canon.
import __main__ as _ep_worker  # the judge's own module: plain data encode/decode
import base64 as _ep_b64
import copy as _ep_copy
import hashlib as _ep_hashlib
import json as _ep_json
import math as _ep_math
import signal as _ep_signal
import time as _ep_time

_EP_INLINE_MAX = 256          # bytes of plain encoding kept inline per output
_EP_INLINE_BUDGET = 12 << 10  # inline bytes per problem; the judge's answer must stay small
_EP_RTOL = 1e-07

# MBPP+ tasks whose outputs evalplus compares as sets, or only as "is not None"
_EP_SET_EQ = {"similar_elements", "find_char_long", "common_in_nested_lists", "extract_singly", "larg_nnum",
              "intersection_array", "find_dissimilar", "Diff"}
# (and those evalplus checks only for "is not None", whose outputs are re.Match objects: the JVM's
# PlusOracle names them, and the sample's side answers through a wrapper that returns the bool)


def _ep_tuples(x):
    return tuple(_ep_tuples(i) for i in x) if isinstance(x, list) else x


# MBPP+ inputs are JSON; evalplus turns them back into tuples, sets and complex numbers per task
# (data/mbpp.py: mbpp_deserialize_inputs). Task number -> what happens to one input (its arg list).
def _ep_mbpp_conversions():
    table = {}
    for t in (2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740,
              744, 809):
        table[t] = lambda a: [tuple(x) for x in a]
    for t in (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780):
        table[t] = lambda a: [[tuple(x) for x in xs] for xs in a]
    for t in (75, 413, 444, 753):
        table[t] = lambda a: [[tuple(x) for x in a[0]]] + [a[1]]
    for t in (106, 750):
        table[t] = lambda a: [a[0]] + [tuple(a[1])]
    table[115] = lambda a: [[set(x) if isinstance(x, list) and len(x) else {} for x in a[0]]]
    table[124] = lambda a: (float(a[0]), complex(a[1]))
    for t in (250, 405, 446, 617, 720, 763, 808):
        table[t] = lambda a: [tuple(a[0])] + [a[1]]
    for t in (259, 401, 445):
        table[t] = lambda a: [tuple(tuple(x) for x in xs) for xs in a]
    table[278] = lambda a: [tuple(tuple(x) if isinstance(x, list) else x for x in a[0])]
    table[307] = lambda a: [tuple(a[0])] + [a[1], a[2]]
    table[722] = lambda a: [{k: tuple(v) for k, v in a[0].items()}] + a[1:]
    table[252] = lambda a: [complex(a[0])]
    for t in (580, 615, 791):
        table[t] = _ep_tuples
    return table


_EP_MBPP = _ep_mbpp_conversions()


def _ep_args(data, raw):
    args = _ep_copy.deepcopy(raw)  # evalplus's trusted_exec deep-copies; every call gets its own
    if data["dialect"] == "mbpp":
        convert = _EP_MBPP.get(data["task"])
        if convert is not None:
            args = convert(args)
    return list(args)


def _ep_int_bytes(n):
    # to_bytes, not str(): str() of HumanEval/83's million-digit answers takes minutes
    return b"n" + n.to_bytes((n.bit_length() + 8) // 8, "big", signed=True)


def _ep_canon(x, out):
    """A canonical form shared by values that compare equal with == (numbers by value, whatever
    their type; set and frozenset alike; dicts and sets in any order; list and tuple apart)."""
    t = type(x)
    if t is bool or t is int:
        out.append(_ep_int_bytes(int(x)))
    elif t is float:
        if x == x and x not in (float("inf"), float("-inf")) and x == int(x):
            out.append(_ep_int_bytes(int(x)))
        else:
            out.append(b"f" + repr(x).encode())
    elif t is complex:
        if x.imag == 0:
            _ep_canon(x.real, out)
        else:
            out.append(b"c" + repr(x).encode())
    elif t is str:
        out.append(b"s" + _ep_hashlib.sha256(x.encode("utf-8", "surrogatepass")).digest())
    elif t is bytes:
        out.append(b"b" + _ep_hashlib.sha256(x).digest())
    elif x is None:
        out.append(b"N")
    elif t is list or t is tuple:
        out.append((b"l" if t is list else b"t") + str(len(x)).encode() + b"[")
        for i in x:
            _ep_canon(i, out)
        out.append(b"]")
    elif t is set or t is frozenset or t is dict:
        parts = []
        for item in (x.items() if t is dict else x):
            sub = []
            _ep_canon(item, sub)
            parts.append(_ep_hashlib.sha256(b"".join(sub)).digest())
        out.append((b"d" if t is dict else b"e") + b"".join(sorted(parts)))
    else:
        out.append(b"?" + repr(t).encode())


def _ep_digest(x):
    out = []
    _ep_canon(x, out)
    return "h" + _ep_b64.b64encode(_ep_hashlib.sha256(b"".join(out)).digest()[:16]).decode()


def _ep_is_floats(x):
    if type(x) is float:
        return True
    return type(x) in (list, tuple) and len(x) > 0 and all(type(i) is float for i in x)


def _ep_key(entry, out):
    """What is stored and compared for an output, after evalplus's per-task rules."""
    return set(out) if entry in _EP_SET_EQ else out


def _ep_store(value, budget):
    raw = _ep_worker.encode(value)
    if _ep_is_floats(value) or (len(raw) <= _EP_INLINE_MAX and budget[0] >= len(raw)):
        budget[0] -= len(raw)
        return "v" + _ep_b64.b64encode(raw).decode()
    return _ep_digest(value)


def _ep_number(x):
    return type(x) in (bool, int, float)


def _ep_numpy_takes(x):
    """numpy holds an int only in int64 or uint64; a larger one makes an object array, on which
    evalplus's np.allclose raises (isfinite), so evalplus fails the input (HumanEval/137's 10**98)."""
    return type(x) is not int or -(1 << 63) <= x < (1 << 64)


def _ep_close(a, b, atol):
    """numpy.allclose's rule (|a - b| <= atol + rtol * |b|, nan never close) on numbers and
    equally long sequences of them, without numpy."""
    if _ep_number(a) and _ep_number(b):
        if not (_ep_numpy_takes(a) and _ep_numpy_takes(b)):
            return False
        if a == b:
            return True
        return abs(a - b) <= atol + _EP_RTOL * abs(b)
    if type(a) in (list, tuple) and type(b) in (list, tuple) and len(a) == len(b):
        return all(_ep_close(x, y, atol) for x, y in zip(a, b))
    return False


def _ep_poly(xs, x):
    return sum(c * _ep_math.pow(x, i) for i, c in enumerate(xs))


def _ep_surface_area(base_edge, height):
    slant = _ep_math.sqrt((base_edge / 2) ** 2 + height ** 2)
    return round(base_edge ** 2 + 4 * (base_edge * slant) / 2)


def _ep_digit_distance(a, b):
    x, y = str(a), str(b)
    n = max(len(x), len(y))
    return sum(abs(int(p) - int(q)) for p, q in zip(x.zfill(n), y.zfill(n)))


def _ep_matches(data, entry, args, out, stored, state):
    """Does the candidate's output `out` on `args` pass against the stored expected output?"""
    if data["dialect"] == "humaneval" and entry == "find_zero":
        return abs(_ep_poly(*args, out)) <= state["atol"]
    key = _ep_key(entry, out)
    inline = stored[0] == "v"
    exp = _ep_worker.decode(_ep_b64.b64decode(stored[1:])) if inline else None
    exact = key == exp if inline else _ep_digest(key) == stored
    if data["dialect"] == "mbpp":
        if entry == "are_equivalent":
            return True
        if entry == "sum_div":
            exact = exact or out == 0
        elif entry == "surface_Area":
            exact = exact or abs(out - _ep_surface_area(*args)) <= state["atol"]
        elif entry == "digit_distance_nums":
            exact = exact or out == _ep_digit_distance(*args)
    if state["atol"] == 0 and inline and _ep_is_floats(exp):
        state["atol"] = 1e-6  # as evalplus: and it stays for the inputs after this one
    if exact or state["atol"] == 0:
        return exact
    if not inline or type(out) is not type(exp):
        return False
    return _ep_close(out, exp, state["atol"])


class _EpInputTimeout(Exception):
    pass


def _ep_alarm(signum, frame):
    raise _EpInputTimeout()


def _ep_judge(candidate, text):
    """Every base input, then every plus input, each under its own limit; stops at the first
    failure. The outcome goes to the judge in __evalstream_sets__ (the sample cannot reach it)."""
    data = _ep_json.loads(text)
    inputs = data["base_input"] + data["plus_input"]
    state = {"atol": data["atol"]}
    sets = {"at": 0, "failed": None, "why": ""}
    globals()["__evalstream_sets__"] = sets
    old = _ep_signal.signal(_ep_signal.SIGALRM, _ep_alarm)
    try:
        for i, raw in enumerate(inputs):
            sets["at"] = i
            args = _ep_args(data, raw)
            _ep_signal.setitimer(_ep_signal.ITIMER_REAL, data["limits_ms"][i] / 1000.0)
            try:
                out = candidate(*args)
            except _EpInputTimeout:
                sets["failed"], sets["why"] = i, "timed out (limit %d ms)" % data["limits_ms"][i]
                return
            except Exception as e:
                sets["failed"], sets["why"] = i, "%s: %s" % (type(e).__name__, e)
                return
            finally:
                _ep_signal.setitimer(_ep_signal.ITIMER_REAL, 0)
            try:
                ok = _ep_matches(data, data["entry"], args, out, data["expected"][i], state)
            except Exception as e:
                ok = False
            if not ok:
                sets["failed"], sets["why"] = i, "wrong output"
                return
        sets["at"] = len(inputs)
    finally:
        _ep_signal.signal(_ep_signal.SIGALRM, old)


def _ep_record(candidate, text):
    """Publication: the canonical solution's output and time on every input."""
    data = _ep_json.loads(text)
    budget = [_EP_INLINE_BUDGET]
    expected, times = [], []
    for raw in data["base_input"] + data["plus_input"]:
        args = _ep_args(data, raw)
        start = _ep_time.perf_counter()
        out = candidate(*args)
        times.append(round((_ep_time.perf_counter() - start) * 1000.0, 3))
        expected.append(_ep_store(_ep_key(data["entry"], out), budget))
    globals()["__evalstream_sets__"] = {"expected": expected, "canonical_ms": times}

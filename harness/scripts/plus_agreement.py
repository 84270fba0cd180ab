#!/usr/bin/env python3
"""Compares two eval_results.json files in evalplus's shape: evalplus's own and ours.

Both hold {"eval": {task_id: [{"base_status", "plus_status", "base_fail_tests",
"plus_fail_tests", ...}, ...]}}, a task's samples in the order submitted (ours from
`bin/evalctl check --problems HumanEvalPlus.jsonl.gz ...` or `results RUN --format evalplus`,
the reference from evalplus's evaluator). Samples are matched by task_id and position within
the task; both files must hold the same tasks with the same number of samples, or this stops
with exit code 2 before comparing anything.

Verdicts are evalplus's: base passes when base_status is "pass"; plus passes when base_status
and plus_status are both "pass" (evalplus's own pass@k rule). Prints, per file, pass@1 base and
plus (one sample per task: the share passing; otherwise the mean over tasks of the share), the
counts of samples agreeing on base and on plus, and every disagreement with both sides'
statuses and failing inputs (shortened).

    python3 harness/scripts/plus_agreement.py REFERENCE.eval_results.json OURS.eval_results.json
        [--json]

Exit code: 0 when every sample agrees on base and plus, 1 when some do not, 2 when the files
cannot be compared. Python 3.11 standard library only.
"""

import argparse
import json
import sys


def verdicts(path):
    with open(path, encoding="utf-8") as f:
        ev = json.load(f)["eval"]
    return {task: [(r["base_status"] == "pass",
                    r["base_status"] == "pass" and r["plus_status"] == "pass", r) for r in rows]
            for task, rows in ev.items()}


def pass_at_1(table, which):
    shares = [sum(v[which] for v in rows) / len(rows) for rows in table.values() if rows]
    return sum(shares) / len(shares) if shares else 0.0


def short(value, limit=120):
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


def compare(ref, ours):
    if set(ref) != set(ours):
        raise ValueError("task sets differ: only in reference %s, only in ours %s"
                         % (sorted(set(ref) - set(ours))[:5], sorted(set(ours) - set(ref))[:5]))
    report = {"samples": 0, "base_agree": 0, "plus_agree": 0, "disagreements": [],
              "reference": {"pass_at_1": pass_at_1(ref, 0), "plus_pass_at_1": pass_at_1(ref, 1)},
              "ours": {"pass_at_1": pass_at_1(ours, 0), "plus_pass_at_1": pass_at_1(ours, 1)}}
    for task in sorted(ref):
        if len(ref[task]) != len(ours[task]):
            raise ValueError("%s: %d samples in reference, %d in ours"
                             % (task, len(ref[task]), len(ours[task])))
        for i, (a, b) in enumerate(zip(ref[task], ours[task])):
            report["samples"] += 1
            report["base_agree"] += a[0] == b[0]
            report["plus_agree"] += a[1] == b[1]
            if a[0] != b[0] or a[1] != b[1]:
                report["disagreements"].append({
                    "task_id": task, "sample": i,
                    "reference": {k: a[2].get(k) for k in
                                  ("base_status", "plus_status", "base_fail_tests", "plus_fail_tests")},
                    "ours": {k: b[2].get(k) for k in
                             ("base_status", "plus_status", "base_fail_tests", "plus_fail_tests")}})
    return report


def print_text(report):
    n = report["samples"]
    for side in ("reference", "ours"):
        print("%-9s pass@1 base %.4f  plus %.4f" % (side, report[side]["pass_at_1"],
                                                    report[side]["plus_pass_at_1"]))
    print("samples %d  base agree %d  plus agree %d" % (n, report["base_agree"], report["plus_agree"]))
    for d in report["disagreements"]:
        print("%s #%d" % (d["task_id"], d["sample"]))
        for side in ("reference", "ours"):
            r = d[side]
            print("  %-9s base %s plus %s  base_fail %s  plus_fail %s" % (
                side, r["base_status"], r["plus_status"], short(r["base_fail_tests"]),
                short(r["plus_fail_tests"])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference")
    parser.add_argument("ours")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        report = compare(verdicts(args.reference), verdicts(args.ours))
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
        print("plus_agreement: cannot compare: %s" % e, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report))
    else:
        print_text(report)
    return 0 if not report["disagreements"] else 1


if __name__ == "__main__":
    sys.exit(main())

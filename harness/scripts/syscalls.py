"""Which system calls samples made, from `strace -f` traces of fork servers (see SyscallSurvey),
written with strace -f --decode-pids=pidns.

A process counts as a sample from its setresuid() to a sample uid (UID_BASE up to
UID_BASE + 1000) on, and so does everything it forks or clones afterwards. Prints each
call's name with how many times samples made it, most frequent first.

    python3 harness/scripts/syscalls.py UID_BASE TRACE_FILE...
"""
import collections
import re
import sys

LINE = re.compile(r"^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\()(.*)$")
# a pid returned into the sandbox's pid namespace, with the host's pid that strace
# --decode-pids=pidns adds (the pid the trace's lines carry)
RETURN = re.compile(r"\)\s+= (\d+)(?: /\* (\d+) in strace's PID NS \*/)?")


def survey(uid_base, paths):
    counts = collections.Counter()
    for path in paths:
        sample = set()
        with open(path, errors="replace") as trace:
            for line in trace:
                m = LINE.match(line)
                if not m:
                    continue
                pid, resumed, name, args = m.groups()
                name = name or resumed
                ret = RETURN.search(args)
                ret = (ret.group(2) or ret.group(1)) if ret else None
                if pid in sample and not resumed:
                    counts[name] += 1
                if name == "setresuid" and not resumed:
                    uid = int(re.match(r"(\d+)", args).group(1))
                    if uid_base <= uid < uid_base + 1000:
                        sample.add(pid)
                if name in ("clone", "clone3", "fork", "vfork") and pid in sample and ret not in (None, "0"):
                    sample.add(ret)
    return counts


def main():
    counts = survey(int(sys.argv[1]), sys.argv[2:])
    for name, n in counts.most_common():
        print(f"{n:10d}  {name}")


if __name__ == "__main__":
    main()

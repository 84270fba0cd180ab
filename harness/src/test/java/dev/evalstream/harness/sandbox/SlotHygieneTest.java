package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a sample leaves in its slot reaches the next sample there (another task, as of another
 * run): System V shared memory, message queues and semaphores, POSIX message queues, files. The
 * seccomp filter refuses every IPC call (AdversarialTest shows that layer); here a filter that
 * allows everything stands in for it (and the sample's allow list is off), so that the slot check behind it is shown on its own: the
 * first sample does leave its objects, and the slot is replaced before the next one.
 */
class SlotHygieneTest {
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withSlots(1).withTimeoutMs(5000)
            .withMemoryBytes(192L << 20).withUidBase(64400);
    private static final Problem ANY = new Problem("t/left", "def f():\n", "f",
            "def check(candidate):\n    assert candidate() == 'left'\n", null);
    private static final Problem FOUND = new Problem("t/found", "def f():\n", "f",
            "def check(candidate):\n    found = candidate()\n    assert found == [], found\n", null);
    private static final String LIBC = "    import ctypes, posix\n    libc = ctypes.CDLL(None, use_errno=True)\n"
            + "    libc.shmat.restype = ctypes.c_void_p\n";
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = SandboxEvaluator.createWithout(OPTIONS, Set.of(Layer.SANDBOX_SECCOMP, Layer.SAMPLE_SECCOMP));
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static long server() {
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("\"uid\":" + OPTIONS.uidBase() + ","))
                .filter(p -> p.info().user().map("root"::equals).orElse(false))
                .filter(p -> p.info().command().orElse("").contains("python"))
                .toList();
        assertEquals(1, servers.size(), () -> "the fork server: " + servers);
        return servers.get(0).pid();
    }

    @Test
    void aLeftSharedMemorySegmentNeitherShowsNorTakesTheNextSamplesMemory() {
        int key = 0x5e100000 | (int) (System.nanoTime() & 0xfffff);
        assertEquals("passed", Fixtures.run(evaluator, Fixtures.CORRECT).result());
        long before = server();
        // 100 MiB, every page touched (charged to the slot's memory cgroup), kept after the sample ends
        Verdict left = Fixtures.run(evaluator, ANY, LIBC + "    shm = libc.shmget(" + key + ", 100 << 20, 0o1666)\n"
                + "    assert shm >= 0, ctypes.get_errno()\n    at = libc.shmat(shm, None, 0)\n"
                + "    ctypes.memset(at, 1, 100 << 20)\n    return 'left'\n");
        assertEquals("passed", left.result(), "the sample that leaves a segment: " + left);
        // honest, in 192 MiB: 120 MiB of its own fits only if the 100 MiB segment is gone
        Verdict next = Fixtures.run(evaluator, Fixtures.ADD, "    import ctypes\n    libc = ctypes.CDLL(None, use_errno=True)\n"
                + "    assert libc.shmget(" + key + ", 0, 0) == -1 and ctypes.get_errno() == 2, 'the segment is visible'\n"
                + "    held = bytearray(120 << 20)\n    return a + b\n");
        assertEquals("passed", next.result(), "the next sample in the slot: " + next);
        assertNotEquals(before, server(), "the dirty slot's server was replaced");
    }

    @Test
    void aMessageLeftForTheNextSampleIsNotThere() {
        int key = 0x5e200000 | (int) (System.nanoTime() & 0xfffff);
        String note = "/evalstream-note-" + key;
        // a System V queue, a semaphore set, a POSIX queue (mq_open is syscall 240 on x86-64, 180 on aarch64),
        // the scratch dir and the other writable-looking places: each with a message
        String mqOpen = "    nr = 240 if posix.uname().machine == 'x86_64' else 180\n";
        Verdict left = Fixtures.run(evaluator, ANY, LIBC + mqOpen
                + "    q = libc.msgget(" + key + ", 0o1666)\n    assert q >= 0, ctypes.get_errno()\n"
                + "    msg = ctypes.create_string_buffer(b'\\x01\\0\\0\\0\\0\\0\\0\\0answer')\n"
                + "    assert libc.msgsnd(q, msg, 6, 0) == 0, ctypes.get_errno()\n"
                + "    s = libc.semget(" + key + ", 1, 0o1666)\n    assert s >= 0 and libc.semctl(s, 0, 16, 42) == 0\n"
                + "    mq = libc.syscall(nr, b'" + note + "'[1:], 0o100 | 2, 0o666, None)\n    assert mq >= 0, ctypes.get_errno()\n"
                + "    assert libc.syscall(nr + 2, mq, b'answer', 6, 0, None) == 0, ctypes.get_errno()\n"
                + "    open('note', 'w').write('answer')\n"
                + "    for place in ('/tmp/note', '/dev/shm/note'):\n"
                + "        try:\n            open(place, 'w').write('answer')\n        except OSError:\n            pass\n"
                + "    return 'left'\n");
        assertEquals("passed", left.result(), "the sample that leaves messages: " + left);
        Verdict next = Fixtures.run(evaluator, FOUND, LIBC + mqOpen + "    found = []\n"
                + "    if libc.msgget(" + key + ", 0) >= 0:\n        found.append('msg')\n"
                + "    if libc.semget(" + key + ", 0, 0) >= 0:\n        found.append('sem')\n"
                + "    if libc.syscall(nr, b'" + note + "'[1:], 0, 0, None) >= 0:\n        found.append('mq')\n"
                + "    import os\n    for place in ('note', '/tmp/note', '/dev/shm/note'):\n"
                + "        if os.path.exists(place):\n            found.append(place)\n"
                + "    found += ['/dev/mqueue/' + n for n in os.listdir('/dev/mqueue')]\n"
                + "    return found\n");
        assertEquals("passed", next.result(), "what the next sample found: " + next);
    }

    @Test
    void aCleanSlotKeepsItsServer() {
        // the check is no excuse for a fresh server per sample: honest samples leave nothing
        assertEquals("passed", Fixtures.run(evaluator, Fixtures.CORRECT).result());
        long before = server();
        assertEquals("passed", Fixtures.run(evaluator, Fixtures.CORRECT).result());
        assertEquals(before, server(), "the server after a clean sample");
    }
}

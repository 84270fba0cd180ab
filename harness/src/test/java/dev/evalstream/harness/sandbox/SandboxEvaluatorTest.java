package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Creation (fail closed, explicit insecure mode), slots, concurrency and closing. */
class SandboxEvaluatorTest {

    @Test
    void failsClosedNamingWhatIsMissing() {
        SandboxOptions noBwrap = SandboxOptions.defaults().withBwrap(Path.of("/nonexistent/bwrap")).withUidBase(63300);
        SandboxUnavailableException e = assertThrows(SandboxUnavailableException.class, () -> SandboxEvaluator.create(noBwrap));
        assertTrue(e.getMessage().contains("bubblewrap"), e.getMessage());
        assertEquals(1, e.missing().size(), e.missing().toString());
    }

    @Test
    void insecureModeIsExplicitAndStillJudgesLikeHumanEval() {
        SandboxOptions options = SandboxOptions.defaults().withSlots(1).withBwrap(Path.of("/nonexistent/bwrap"))
                .withInsecure(true).withTimeoutMs(1000);
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            assertEquals("passed", Fixtures.run(evaluator, Fixtures.CORRECT).result());
            assertEquals("failed: ", Fixtures.run(evaluator, "    return a - b\n").result());
            assertEquals("failed: 0", Fixtures.run(evaluator, "    return a + b\nimport sys\nsys.exit(0)\n").result());
            assertEquals("timed out", Fixtures.run(evaluator, "    while True:\n        pass\n").result());
            // a leftover child is still killed after the sample (by the server, a child subreaper)
            assertEquals("passed", Fixtures.run(evaluator, "    return a + b\nimport posix, time\n"
                    + "if posix.fork() == 0:\n    posix.setsid()\n    posix.execv('/bin/sleep', ['sleep', '61'])\n").result());
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").endsWith("sleep 61")));
        }
    }

    @Test
    void runsSlotsConcurrentlyWithOneUidEach() {
        SandboxOptions options = SandboxOptions.defaults().withSlots(2).withUidBase(63400);
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            assertEquals(2, evaluator.slots());
            List<CompletableFuture<Verdict>> futures = new ArrayList<>();
            String reportUid = "    import posix, time\n    time.sleep(0.3)\n    assert False, posix.getuid()\n";
            for (int i = 0; i < 4; i++) {
                futures.add(evaluator.evaluate(Fixtures.ADD, reportUid));
            }
            // both uids show up: the two slots served the queue side by side
            List<String> uids = futures.stream().map(CompletableFuture::join).map(Verdict::result).sorted().toList();
            assertEquals(List.of("failed: 63400", "failed: 63400", "failed: 63401", "failed: 63401"), uids);
        }
        Fixtures.assertNoProcessesOf(options);
    }

    @Test
    void slotsCannotSeeEachOthersScratch() {
        SandboxOptions options = SandboxOptions.defaults().withSlots(2).withUidBase(63500);
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            var writer = evaluator.evaluate(Fixtures.ADD, "    return a + b\nimport time\n"
                    + "open('secret.txt', 'w').write('s3cret')\ntime.sleep(1.0)\n");
            Verdict reader = Fixtures.run(evaluator, "    return a + b\nimport posix, time\ntime.sleep(0.3)\n"
                    + "found = [d for d in posix.listdir('/tmp') if 'secret.txt' in posix.listdir('/tmp/' + d)]\n"
                    + "assert not found, found\nassert posix.getpid() < 100, 'own pid space'\n");
            assertEquals("passed", reader.result(), reader.toString());
            assertEquals("passed", writer.join().result());
        }
    }

    @Test
    void closeAnswersQueuedSamplesAndLaterOnesWithError() throws Exception {
        Evaluator evaluator = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(1).withUidBase(63600));
        CompletableFuture<Verdict> running = evaluator.evaluate(Fixtures.ADD, "    import time\n    time.sleep(0.5)\n    return a + b\n");
        List<CompletableFuture<Verdict>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(evaluator.evaluate(Fixtures.ADD, Fixtures.CORRECT));
        }
        Thread.sleep(100);
        evaluator.close();
        assertEquals(Kind.PASSED, running.join().kind());
        for (CompletableFuture<Verdict> f : queued) {
            assertTrue(f.isDone(), "queued samples are answered at close");
        }
        assertEquals(Kind.ERROR, evaluator.evaluate(Fixtures.ADD, Fixtures.CORRECT).join().kind());
        for (Path root : CgroupHierarchy.detect(CgroupHierarchy.MOUNT, new ArrayList<>()).roots()) {
            try (var instances = Files.list(root.resolve("evalstream"))) {
                List<Path> mine = instances.filter(p -> p.getFileName().toString()
                        .startsWith(ProcessHandle.current().pid() + "-")).toList();
                assertEquals(List.of(), mine, "this JVM's slot cgroups are removed once its evaluators are closed");
            }
        }
    }
}

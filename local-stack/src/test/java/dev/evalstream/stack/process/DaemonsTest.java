package dev.evalstream.stack.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonsTest {
    @TempDir
    Path dir;

    @Test
    void aDaemonThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
        Path log = dir.resolve("logs/d.log");
        Path pidFile = dir.resolve("pids/d.pid");
        ProcessHandle h = Daemons.start(List.of("sh", "-c", "trap '' TERM; echo up; while true; do sleep 1; done"),
                Map.of(), dir.resolve("work"), log, pidFile);
        assertEquals(Optional.of(h.pid()), Daemons.running(pidFile).map(ProcessHandle::pid));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("up") && System.nanoTime() < deadline) {
            Thread.sleep(50); // the trap is set before "up" is printed
        }

        long start = System.nanoTime();
        Daemons.stop(Duration.ofSeconds(1), List.of(h));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertFalse(h.isAlive());
        assertTrue(Daemons.running(pidFile).isEmpty(), "a dead pid is not ours any more");
        assertTrue(tookMs >= 900 && tookMs < 8000, "took " + tookMs + " ms");
    }
}

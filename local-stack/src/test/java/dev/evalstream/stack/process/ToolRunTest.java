package dev.evalstream.stack.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile tools on purpose: one that hangs with a grandchild, one that floods its pipe. */
class ToolRunTest {
    @TempDir
    Path dir;

    @Test
    void aHangingToolTimesOutAndItsWholeTreeIsGone() throws Exception {
        // the tool (sh) starts a child sh that starts a sleeping grandchild, then sleeps itself;
        // "; true" keeps each sh alive as a parent instead of exec'ing its last command
        Path script = dir.resolve("hang.sh");
        Files.writeString(script, String.join("\n",
                "echo $$ > \"$1/tool\"",
                "sh -c 'sleep 600 & echo $! > \"$1/grandchild\"; echo $$ > \"$1/child\"; wait; true' sh \"$1\" &",
                "echo started",
                "sleep 600; true",
                ""));
        long start = System.nanoTime();
        ToolRun.Result r = ToolRun.run(List.of("sh", script.toString(), dir.toString()), Duration.ofSeconds(2));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(r.timedOut(), r.toString());
        assertFalse(r.ok());
        assertTrue(tookMs < 15_000, "took " + tookMs + " ms");
        assertTrue(r.output().contains("started"), "output drained while waiting: " + r.output());
        for (String name : List.of("tool", "child", "grandchild")) {
            long pid = Long.parseLong(Files.readString(dir.resolve(name)).trim());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), name + " " + pid + " still alive");
        }
    }

    @Test
    void aToolThatFloodsItsPipeStillEndsAndKeepsItsLastOutput() throws Exception {
        // 1 MB is far past a pipe's buffer: a waitFor before reading would block forever
        ToolRun.Result r = ToolRun.run(List.of("sh", "-c",
                "head -c 1000000 /dev/zero | tr '\\0' x; echo; echo the end; exit 3"), Duration.ofSeconds(30));
        assertFalse(r.timedOut());
        assertEquals(3, r.exitCode());
        assertEquals("the end", r.lastLine());
        assertTrue(r.output().length() <= ToolRun.OUTPUT_CAP, "kept " + r.output().length());
    }

    @Test
    void aToolThatSucceedsReportsItsOutput() throws Exception {
        ToolRun.Result r = ToolRun.run(List.of("sh", "-c", "echo hello; echo world >&2"), Duration.ofSeconds(30));
        assertTrue(r.ok(), r.toString());
        assertEquals("hello\nworld\n", r.output());
    }
}

package dev.evalstream.evalctl.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo replays unless the environment names a real backend, and says which it used. */
class DemoBackendTest {
    private static final Path REPLAY = Path.of("/tmp/demo/evalstream-demo-samples.jsonl");

    @Test
    void replayByDefault() {
        DemoBackend b = DemoBackend.from(Map.of(), REPLAY);
        assertEquals(List.of("--backend", "replay", "--replay-file", REPLAY.toString()), b.submitArgs());
        assertEquals(DemoBackend.REPLAY_MODEL, b.model());
        assertTrue(b.description().startsWith("backend replay"), b.description());
    }

    @Test
    void openAiServerFromTheEnvironment() {
        DemoBackend b = DemoBackend.from(Map.of("EVALSTREAM_DEMO_BACKEND", "openai", "EVALSTREAM_DEMO_BASE_URL",
                "http://localhost:8000/v1", "EVALSTREAM_DEMO_MODEL", "bigcode/starcoder2-3b"), REPLAY);
        assertEquals(List.of("--backend", "openai", "--base-url", "http://localhost:8000/v1", "--n", "5"), b.submitArgs());
        assertEquals("bigcode/starcoder2-3b", b.model());
        assertTrue(b.description().contains("openai") && b.description().contains("http://localhost:8000/v1"));
    }

    @Test
    void llamaCppFileFromTheEnvironment() {
        DemoBackend b = DemoBackend.from(Map.of("EVALSTREAM_DEMO_BACKEND", "llamacpp",
                "EVALSTREAM_DEMO_MODEL_FILE", "/models/tiny-code.gguf"), REPLAY);
        assertEquals(List.of("--backend", "llamacpp", "--model-file", "/models/tiny-code.gguf", "--n", "5"), b.submitArgs());
        assertEquals("tiny-code", b.model());
    }

    @Test
    void aRealBackendWithoutItsSettingIsAUsageError() {
        EvalctlException e = assertThrows(EvalctlException.class,
                () -> DemoBackend.from(Map.of("EVALSTREAM_DEMO_BACKEND", "openai"), REPLAY));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("EVALSTREAM_DEMO_BASE_URL"), e.getMessage());
        assertThrows(EvalctlException.class, () -> DemoBackend.from(Map.of("EVALSTREAM_DEMO_BACKEND", "gpt"), REPLAY));
    }
}

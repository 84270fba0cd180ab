package dev.evalstream.evalctl.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit's backend flags become the backend_options the generator reads. */
class BackendOptionsTest {
    @TempDir
    Path dir;

    @Test
    void openAiServerAndKey() {
        assertEquals(Map.of("base_url", "http://gpu:8000/v1", "api_key", "sk-1", "request_timeout_s", "600"),
                BackendOptions.of("openai", "http://gpu:8000/v1", "sk-1", null, Map.of("request_timeout_s", "600")));
        assertEquals(Map.of(), BackendOptions.of("openai", null, null, null, Map.of()));
    }

    @Test
    void llamaCppModelFileIsMadeAbsoluteAndMustExist() throws IOException {
        Path gguf = Files.writeString(dir.resolve("m.gguf"), "GGUF");
        Path relative = Path.of("").toAbsolutePath().relativize(gguf);
        assertEquals(Map.of("model_file", gguf.toString()), BackendOptions.of("llamacpp", null, null, relative, Map.of()));
        EvalctlException missing = assertThrows(EvalctlException.class,
                () -> BackendOptions.of("llamacpp", null, null, dir.resolve("absent.gguf"), Map.of()));
        assertEquals(ExitCodes.DATA, missing.exitCode());
    }

    @Test
    void aFlagOfAnotherBackendIsAUsageError() throws IOException {
        Path gguf = Files.writeString(dir.resolve("m.gguf"), "GGUF");
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class,
                () -> BackendOptions.of("llamacpp", "http://x", null, null, Map.of())).exitCode());
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class,
                () -> BackendOptions.of("openai", null, null, gguf, Map.of())).exitCode());
    }
}

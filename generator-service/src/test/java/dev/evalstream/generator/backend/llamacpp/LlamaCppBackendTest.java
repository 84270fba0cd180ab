package dev.evalstream.generator.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Sampling;
import dev.evalstream.generator.backend.BackendException;
import dev.evalstream.generator.backend.Completion;
import dev.evalstream.generator.backend.GenerationRequest;
import dev.evalstream.generator.backend.TinyLlamaGguf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llamacpp backend on the real engine (java-llama.cpp's bundled llama.cpp) with a tiny
 * random-weight model written by the test: its text is gibberish, so this asserts structure
 * (counts, bounds, seeds, stops), not quality.
 */
class LlamaCppBackendTest {
    private static final int MAX_TOKENS = 24;

    @TempDir
    static Path dir;
    static Path model;
    static LlamaCppBackend backend;

    @BeforeAll
    static void load() throws IOException {
        model = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), 7);
        backend = new LlamaCppBackend(new LlamaCppSettings(null, 2, 512, 2));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static GenerationRequest request(String runId, Long seed, List<String> stop, int count, int first) {
        Sampling s = Sampling.newBuilder().setTemperature(1.0).setTopP(0.95).setMaxTokens(MAX_TOKENS)
                .setStop(stop).setSeed(seed).build();
        return new GenerationRequest(runId, "tiny", "HumanEval/0", "def f(x):\n    return", s, count, first,
                Map.of(LlamaCppBackend.MODEL_FILE_OPTION, model.toString()));
    }

    @Test
    void nSamplesEachWithinMaxTokensAndWithoutLogprobs() {
        List<Completion> out = backend.generate(request("run-n", null, List.of(), 4, 0));
        assertEquals(4, out.size());
        for (Completion c : out) {
            assertTrue(c.tokenCount() >= 1 && c.tokenCount() <= MAX_TOKENS, "tokens: " + c.tokenCount());
            assertEquals(c.tokenCount() == MAX_TOKENS ? "length" : "stop", c.finishReason());
            assertNull(c.sumLogprob(), "in-process llama.cpp gives no log-probabilities");
            assertNull(c.meanLogprob());
            assertTrue(c.generationMs() != null && c.generationMs() >= 0);
        }
        assertTrue(out.stream().anyMatch(c -> "length".equals(c.finishReason())), "max_tokens must bound generation");
        assertEquals(4, out.stream().map(Completion::text).distinct().count(), "each sample has its own seed");
        assertFalse(backend.logprobs());
    }

    @Test
    void aRedoneChunkReproducesItsSamples() {
        List<Completion> chunk = backend.generate(request("run-r", null, List.of(), 3, 10));
        List<Completion> redoneLast = backend.generate(request("run-r", null, List.of(), 1, 12));
        assertEquals(chunk.get(2).text(), redoneLast.get(0).text(), "seed = run seed + sample index");
        assertEquals(chunk.get(2).tokenCount(), redoneLast.get(0).tokenCount());

        List<Completion> otherRun = backend.generate(request("run-other", null, List.of(), 1, 12));
        assertNotEquals(chunk.get(2).text(), otherRun.get(0).text(), "a run without a seed draws from its id");
        String a = backend.generate(request("run-a", 99L, List.of(), 1, 0)).get(0).text();
        String b = backend.generate(request("run-b", 99L, List.of(), 1, 0)).get(0).text();
        assertEquals(a, b, "an explicit run seed decides, not the run id");
    }

    @Test
    void generationEndsAtTheFirstStopSequenceWhichIsNotKept() {
        Completion free = backend.generate(request("run-s", 5L, List.of(), 1, 0)).get(0);
        String text = free.text();
        int at = text.length() / 2;
        String stop = text.substring(at, at + 2);
        int first = text.indexOf(stop);

        Completion stopped = backend.generate(request("run-s", 5L, List.of(stop, "\u0000never"), 1, 0)).get(0);
        assertEquals(text.substring(0, first), stopped.text(), "same seed, same tokens, cut before '" + stop + "'");
        assertEquals("stop", stopped.finishReason());
        assertTrue(stopped.tokenCount() < free.tokenCount(), stopped.tokenCount() + " vs " + free.tokenCount());
        assertFalse(stopped.text().contains(stop));
    }

    @Test
    void aMissingOrUnloadableModelFailsThePromptNotTheService() throws IOException {
        GenerationRequest none = new GenerationRequest("run-x", "tiny", "T/0", "p", Sampling.newBuilder().build(), 1,
                0, Map.of());
        assertTrue(assertThrows(BackendException.class, () -> backend.generate(none)).getMessage()
                .contains("model_file"));
        GenerationRequest missing = new GenerationRequest("run-x", "tiny", "T/0", "p", Sampling.newBuilder().build(),
                1, 0, Map.of(LlamaCppBackend.MODEL_FILE_OPTION, dir.resolve("absent.gguf").toString()));
        assertThrows(BackendException.class, () -> backend.generate(missing));
        Path junk = Files.writeString(dir.resolve("junk.gguf"), "not a model");
        GenerationRequest bad = new GenerationRequest("run-x", "tiny", "T/0", "p", Sampling.newBuilder().build(), 1,
                0, Map.of(LlamaCppBackend.MODEL_FILE_OPTION, junk.toString()));
        BackendException e = assertThrows(BackendException.class, () -> backend.generate(bad));
        assertTrue(e.getMessage().contains("could not load"), e.getMessage());
        // the good model still serves after the bad one failed
        assertEquals(1, backend.generate(request("run-x", 1L, List.of(), 1, 0)).size());
    }
}

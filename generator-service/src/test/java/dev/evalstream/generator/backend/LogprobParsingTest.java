package dev.evalstream.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.events.Sampling;
import dev.evalstream.generator.sampling.StopSequences;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded answers of both server shapes, parsed and cut as the generator does. */
class LogprobParsingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StopSequences paper = new StopSequences(Sampling.newBuilder().build().getStop());

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = LogprobParsingTest.class.getResourceAsStream("/fixtures/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void vllmParallelLists() throws IOException {
        JsonNode choice = fixture("vllm-completions.json").path("choices").get(1); // index 0
        TokenLogprobs t = TokenLogprobs.parse(choice.get("logprobs"));
        assertEquals(List.of("    ", "return", " a", " +", " b", "\n"), t.tokens());
        assertEquals(-2.1, t.sum(), 1e-9);
        assertEquals(-0.35, t.mean(), 1e-9);
    }

    @Test
    void llamaCppContentList() throws IOException {
        JsonNode choice = fixture("llamacpp-completion.json").path("choices").get(0);
        TokenLogprobs t = TokenLogprobs.parse(choice.get("logprobs"));
        assertEquals(7, t.logprobs().size());
        assertEquals("print", t.tokens().get(5));
        assertEquals(-8.25, t.sum(), 1e-9);
    }

    @Test
    void vllmChoiceCutAtDefKeepsOnlyTheTokensBeforeTheCut() throws IOException {
        JsonNode choice = fixture("vllm-completions.json").path("choices").get(0); // index 1
        Completion c = OpenAiBackend.completion(choice, paper, 42, null);
        assertEquals("    return sorted(set(l))\n", c.text());
        assertEquals(7, c.tokenCount());
        assertEquals(-4.4375, c.sumLogprob(), 1e-9);
        assertEquals(-4.4375 / 7, c.meanLogprob(), 1e-9);
        assertEquals("stop", c.finishReason(), "the generator's cut is a stop, whatever the server said");
        assertEquals(42L, c.generationMs());
    }

    @Test
    void llamaCppChoiceCutAtPrint() throws IOException {
        JsonNode answer = fixture("llamacpp-completion.json");
        Completion c = OpenAiBackend.completion(answer.path("choices").get(0), paper, 7, answer.path("usage"));
        assertEquals("    x = 1", c.text());
        assertEquals(4, c.tokenCount());
        assertEquals(-3.0, c.sumLogprob(), 1e-9);
        assertEquals(-0.75, c.meanLogprob(), 1e-9);
    }

    @Test
    void uncutChoiceKeepsTheServersFinishReason() throws IOException {
        JsonNode choice = fixture("vllm-completions.json").path("choices").get(0);
        Completion c = OpenAiBackend.completion(choice, new StopSequences(List.of()), 1, null);
        assertEquals("length", c.finishReason());
        assertEquals(12, c.tokenCount());
    }

    @Test
    void withoutLogprobsOnlyUsageGivesACount() throws IOException {
        JsonNode choice = JSON.readTree("{\"index\":0,\"text\":\"    return 1\",\"finish_reason\":\"stop\"}");
        JsonNode usage = JSON.readTree("{\"completion_tokens\":3}");
        Completion c = OpenAiBackend.completion(choice, paper, 5, usage);
        assertEquals(3, c.tokenCount());
        assertNull(c.sumLogprob());
        assertNull(c.meanLogprob());
        assertSame(TokenLogprobs.NONE, TokenLogprobs.parse(null));
    }

    @Test
    void tokensThatDoNotSpellTheTextGiveNoFiguresForACutCompletion() throws IOException {
        JsonNode choice = JSON.readTree("{\"index\":0,\"text\":\"a\\ndef b\",\"logprobs\":"
                + "{\"tokens\":[\"bytes:\\\\xe2\",\"b\"],\"token_logprobs\":[-1.0,-2.0]}}");
        Completion c = OpenAiBackend.completion(choice, paper, 5, null);
        assertEquals("a", c.text());
        assertNull(c.tokenCount());
        assertNull(c.sumLogprob());
    }
}

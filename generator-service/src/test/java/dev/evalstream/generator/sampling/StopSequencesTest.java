package dev.evalstream.generator.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.events.Sampling;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequencesTest {
    private final StopSequences paper = new StopSequences(Sampling.newBuilder().build().getStop());

    @Test
    void theSchemaDefaultsAreThePapers() {
        Sampling defaults = Sampling.newBuilder().build();
        assertEquals(List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint"), defaults.getStop());
        assertEquals(0.95, defaults.getTopP());
    }

    @Test
    void cutsAtTheEarliestStopAndDropsTheStopItself() {
        String text = "    return x\n\nprint(f(1))\ndef g():\n    pass";
        assertEquals("    return x\n", paper.truncate(text));
        assertEquals(13, paper.firstStop(text));
    }

    @Test
    void earliestWinsWhateverTheListOrder() {
        StopSequences stops = new StopSequences(List.of("\nprint", "\n#"));
        assertEquals("a", stops.truncate("a\n# note\nprint(1)"));
    }

    @Test
    void indentedKeywordsAreNotStops() {
        String body = "    if x:\n        return 1\n    # done\n    return 0\n";
        assertEquals(body, paper.truncate(body));
        assertEquals(-1, paper.firstStop(body));
    }

    @Test
    void aStopAtTheStartLeavesAnEmptyCompletion() {
        assertEquals("", paper.truncate("\ndef helper():\n    return 1"));
    }

    @Test
    void noStopsOrEmptyStopsKeepEverything() {
        assertEquals("a\ndef b", new StopSequences(null).truncate("a\ndef b"));
        assertEquals("a\ndef b", new StopSequences(List.of("")).truncate("a\ndef b"));
    }
}

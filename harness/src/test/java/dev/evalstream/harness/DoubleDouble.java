package dev.evalstream.harness;

import java.math.BigDecimal;

/**
 * A double-double number hi + lo (about 106 significant bits), with just the two operations
 * the exact pass@k ratio needs: multiply and divide by a small integer. Error-free products use
 * Veltkamp splitting rather than Math.fma, whose software fallback would be far too slow on a
 * CPU without FMA. Relative error per operation is a few units of 2^-104 (about 1e-31).
 */
final class DoubleDouble {
    private static final double SPLITTER = 0x1p27 + 1;

    final double hi;
    final double lo;

    DoubleDouble(double hi, double lo) {
        this.hi = hi;
        this.lo = lo;
    }

    static final DoubleDouble ONE = new DoubleDouble(1.0, 0.0);

    /** this * m for an integer m small enough to be exact in a double. */
    DoubleDouble times(double m) {
        double p = hi * m;
        double e = twoProductError(hi, m, p) + lo * m;
        return normalized(p, e);
    }

    /** this / d for an integer d != 0 small enough to be exact in a double. */
    DoubleDouble dividedBy(double d) {
        double q1 = hi / d;
        double p = q1 * d;
        double pe = twoProductError(q1, d, p);
        double r = ((hi - p) - pe) + lo; // hi - p is exact (Sterbenz): the remainder in double-double
        double q2 = r / d;
        return normalized(q1, q2);
    }

    /** The value as an exact decimal, for comparison with BigInteger arithmetic. */
    BigDecimal exact() {
        return new BigDecimal(hi).add(new BigDecimal(lo));
    }

    private static DoubleDouble normalized(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    /** a * b - p exactly, where p = fl(a * b) (Dekker). */
    private static double twoProductError(double a, double b, double p) {
        double ca = SPLITTER * a;
        double ahi = ca - (ca - a);
        double alo = a - ahi;
        double cb = SPLITTER * b;
        double bhi = cb - (cb - b);
        double blo = b - bhi;
        return ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo;
    }
}

package dev.evalstream.harness.plus;

import java.util.ArrayList;
import java.util.List;

/**
 * evalplus's per-input time limit, max(floor, factor x the canonical solution's time on that
 * input), with the canonical time scaled by how much slower this executor is than the machine
 * that measured it (1.0 where both are the same, as in `check`).
 *
 * @param floorMs the least limit: evalplus's default is 4 s (DEFAULT_MIN_TIME_LIMIT, v0.1.10 onwards)
 * @param factor  evalplus's default is 4 (DEFAULT_GT_TIME_LIMIT_FACTOR)
 * @param scale   this machine's time for the same work / the publishing machine's
 */
public record TimeLimits(long floorMs, double factor, double scale) {
    public static final long DEFAULT_FLOOR_MS = 4000;
    public static final double DEFAULT_FACTOR = 4.0;
    /**
     * A whole run may take at most this long, however many inputs (evalplus's EVALPLUS_TIMEOUT_PER_TASK),
     * on a machine as fast as the publishing one; a slower executor's cap grows with its scale.
     */
    public static final long RUN_CAP_MS = 60_000;

    public TimeLimits {
        if (floorMs <= 0 || factor < 1 || scale <= 0) {
            throw new IllegalArgumentException("time limits need floor > 0, factor >= 1, scale > 0: "
                    + floorMs + ", " + factor + ", " + scale);
        }
    }

    public static TimeLimits defaults() {
        return new TimeLimits(DEFAULT_FLOOR_MS, DEFAULT_FACTOR, 1.0);
    }

    public TimeLimits scaledBy(double s) {
        return new TimeLimits(floorMs, factor, s);
    }

    /** One limit per canonical time, in the same order. */
    public List<Long> limits(List<Double> canonicalMs) {
        List<Long> out = new ArrayList<>(canonicalMs.size());
        for (double ms : canonicalMs) {
            out.add(Math.max(floorMs, (long) Math.ceil(factor * ms * scale)));
        }
        return out;
    }

    /**
     * The limit of a whole run: every input's limit, capped as evalplus caps it. The cap scales
     * like the per-input limits (never below evalplus's 60 s): otherwise a loaded or slower
     * executor would time out canonical-speed samples of the heaviest tasks (HumanEval/139's
     * canonical inputs alone take about 23 s) on the cap while every input is within its limit.
     */
    public long runLimit(List<Long> limits) {
        long cap = (long) Math.ceil(RUN_CAP_MS * Math.max(1.0, scale));
        long sum = 0;
        for (long l : limits) {
            sum = Math.min(cap, sum + l);
        }
        return sum;
    }
}

package dev.evalstream.harness.plus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** evalplus's limits, max(floor, factor x canonical time), and the run cap, both following the executor's scale. */
class TimeLimitsTest {
    @Test
    void eachInputGetsTheFloorOrFactorTimesItsScaledCanonicalTime() {
        TimeLimits same = TimeLimits.defaults();
        assertEquals(List.of(4000L, 4000L, 8000L), same.limits(List.of(0.5, 1000.0, 2000.0)));
        assertEquals(List.of(4000L, 8000L, 16000L), same.scaledBy(2.0).limits(List.of(0.5, 1000.0, 2000.0)));
    }

    @Test
    void theRunCapIsEvalplusSixtySecondsScaledLikeTheInputsAndNeverLess() {
        List<Long> heavy = List.of(30_000L, 30_000L, 30_000L);
        assertEquals(60_000L, TimeLimits.defaults().runLimit(heavy));
        assertEquals(90_000L, TimeLimits.defaults().scaledBy(2.0).runLimit(heavy), "a slower executor: the cap grows with it");
        assertEquals(60_000L, TimeLimits.defaults().scaledBy(0.5).runLimit(heavy), "a faster one keeps evalplus's cap");
        assertEquals(9_000L, TimeLimits.defaults().runLimit(List.of(4_000L, 5_000L)), "under the cap: the sum");
    }
}

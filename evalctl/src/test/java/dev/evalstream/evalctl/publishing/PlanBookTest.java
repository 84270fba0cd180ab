package dev.evalstream.evalctl.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.PlannedRuns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** plan add: the dataset must be in the catalog; plans are immutable; checkpoint lists its family's run ids. */
class PlanBookTest {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    static final Sampling SAMPLING = Sampling.newBuilder().setTemperature(0.2).setTopP(0.95).setMaxTokens(256).build();
    static final Map<String, DatasetEntry> CATALOG = Map.of("he", DatasetEntry.newBuilder().setName("he")
            .setDataset("HumanEval-" + "a".repeat(64)).setContentHash("a".repeat(64)).setProblemCount(164).setAddedAt(T0).build());

    static Plan plan(String name, String family, int n, List<Integer> ks) {
        return PlanBook.plan(name, family, "he", n, SAMPLING, ks, T0);
    }

    @Test
    void defaultKsAreThoseOf1_10_100ThatNCanReport() {
        assertEquals(List.of(1), plan("p", "f", 1, null).getKs());
        assertEquals(List.of(1, 10), plan("p", "f", 20, null).getKs());
        assertEquals(List.of(1, 10, 100), plan("p", "f", 200, null).getKs());
        assertEquals(List.of(1, 5), plan("p", "f", 5, List.of(5, 1, 5)).getKs(), "sorted, each once");
    }

    @Test
    void aKAboveNOrBelow1AndABadNameAreUsageErrors() {
        EvalctlException e = assertThrows(EvalctlException.class, () -> plan("p", "f", 5, List.of(1, 10)));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--k 10 is over --n 5"), e.getMessage());
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class, () -> plan("p", "f", 5, List.of(0))).exitCode());
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class, () -> plan("p|q", "f", 5, null)).exitCode());
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class, () -> plan("p", "f", 0, List.of(1))).exitCode());
    }

    @Test
    void anUnknownDatasetIsRefusedNamingIt() {
        Plan p = PlanBook.plan("p", "f", "mbpp", 1, SAMPLING, null, T0);
        EvalctlException e = assertThrows(EvalctlException.class, () -> PlanBook.decide(Map.of(), CATALOG, p));
        assertEquals(ExitCodes.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("dataset \"mbpp\" is not in the catalog (it has he)"), e.getMessage());
    }

    @Test
    void aNewPlanIsAddedAndTheSamePlanAgainIsUnchanged() {
        Plan p = plan("p", "f", 10, List.of(1, 10));
        assertEquals(PlanBook.Decision.ADD, PlanBook.decide(Map.of(), CATALOG, p));
        Plan later = PlanBook.plan("p", "f", "he", 10, SAMPLING, List.of(10, 1), T0.plusSeconds(3600));
        assertEquals(PlanBook.Decision.UNCHANGED, PlanBook.decide(Map.of("p", p), CATALOG, later));
    }

    @Test
    void aChangedPlanUnderATakenNameIsAConflict() {
        Plan p = plan("p", "f", 10, List.of(1, 10));
        for (Plan changed : List.of(plan("p", "f", 20, List.of(1, 10)), plan("p", "g", 10, List.of(1, 10)),
                plan("p", "f", 10, List.of(1)),
                PlanBook.plan("p", "f", "he", 10, Sampling.newBuilder(SAMPLING).setTemperature(0.8).build(), List.of(1, 10), T0))) {
            EvalctlException e = assertThrows(EvalctlException.class, () -> PlanBook.decide(Map.of("p", p), CATALOG, changed));
            assertEquals(ExitCodes.CONFLICT, e.exitCode());
            assertTrue(e.getMessage().contains("plan \"p\" exists with other content"), e.getMessage());
            assertTrue(e.getMessage().contains("a changed plan is a new plan name"), e.getMessage());
        }
    }

    @Test
    void aCheckpointGetsOneRunPerPlanOfItsFamilyWithThePlannersIds() {
        Map<String, Plan> plans = new LinkedHashMap<>();
        plans.put("z-plan", plan("z-plan", "fam", 1, null));
        plans.put("other", plan("other", "another-family", 1, null));
        plans.put("a-plan", plan("a-plan", "fam", 1, null));
        assertEquals(List.of(PlannedRuns.runId("fam", "step-100", "a-plan"), PlannedRuns.runId("fam", "step-100", "z-plan")),
                PlanBook.runIds(plans, "fam", "step-100"));
        assertEquals(List.of(), PlanBook.runIds(plans, "unknown", "step-100"));
    }
}

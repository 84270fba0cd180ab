package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlannedRunsTest {
    @Test
    void theSameTripleGivesTheSameIdAndAnyOtherAnother() {
        String id = PlannedRuns.runId("Demo Family", "step|100", "he-n5");
        assertEquals(id, PlannedRuns.runId("Demo Family", "step|100", "he-n5"));
        assertTrue(id.matches("demo-family-step-100-he-n5-[0-9a-f]{12}"), id);
        assertEquals(java.util.Optional.empty(), EventChecks.runId(id), "a usable run id");
        // same slugs, other names: the digest tells them apart
        assertNotEquals(id, PlannedRuns.runId("demo family", "step 100", "he-n5"));
        assertNotEquals(id, PlannedRuns.runId("Demo Family", "step|100", "he-n6"));
    }
}

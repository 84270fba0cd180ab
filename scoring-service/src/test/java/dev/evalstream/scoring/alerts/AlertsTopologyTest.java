package dev.evalstream.scoring.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Alert;
import dev.evalstream.events.Outcome;
import dev.evalstream.schemas.PlannedRuns;
import dev.evalstream.scoring.planning.PlannerFixture;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The judge in the scorer's whole topology (planner, scoring, alerts) with real Avro codecs:
 * checkpoints arrive, the planner starts their runs, results complete them, and the alerts topic
 * gets exactly one Alert, for the falling checkpoint, whatever the completion order and however
 * often inputs are delivered again.
 */
class AlertsTopologyTest {
    private static final String FAMILY = "coder";
    private static final String PLAN = "p4";
    private static final int N = 4;
    private static final int TASKS = 6;
    /** Passing samples per task: rise, hold, fall (not by the same amount everywhere), then hold again. */
    private static final int[][] PASSES = {
            {1, 1, 1, 1, 1, 1}, {3, 3, 3, 3, 3, 3}, {3, 3, 3, 3, 3, 3}, {0, 1, 0, 1, 0, 0}, {0, 1, 0, 1, 0, 0}};
    private PlannerFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new PlannerFixture();
        f.dataset("demo", "demo-1234", TASKS, true);
        f.plan(PLAN, FAMILY, "demo", N, List.of(1, 2));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void oneAlertForTheFallingCheckpointNoneForEqualOrRisingOnesEvenOutOfOrderAndRedelivered() {
        // a rise (step-2000), an equal checkpoint (step-3000), a fall (step-4000)
        for (int c = 0; c < 4; c++) {
            f.checkpoint(FAMILY, name(c), step(c));
        }
        // completed out of order: step-4000 against step-1000 would be an alert too, but with the wrong baseline
        complete(0);
        complete(3);
        assertEquals(List.of(), f.alerts.readKeyValuesToList(), "step-4000 waits for step-3000");
        complete(2); // step-4000 is judged now, step-3000 waits for step-2000
        List<KeyValue<String, Alert>> alerts = f.alerts.readKeyValuesToList();
        complete(1);
        assertEquals(List.of(), f.alerts.readKeyValuesToList(), "a rise and an equal checkpoint raise nothing");
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0).value;
        assertEquals("coder|p4|step-4000", alerts.get(0).key);
        assertEquals("step-4000", a.getCheckpoint());
        assertEquals("step-3000", a.getBaseline(), "the previous checkpoint by step");
        assertEquals(PlannedRuns.runId(FAMILY, "step-4000", PLAN), a.getRunId());
        assertEquals(PlannedRuns.runId(FAMILY, "step-3000", PLAN), a.getBaselineRunId());
        assertEquals(1, a.getK(), "the plan's smallest k");
        assertEquals(0.75, a.getBaselineValue(), 1e-12);
        assertEquals(2.0 / 24, a.getValue(), 1e-12);
        assertEquals(2.0 / 24 - 0.75, a.getDelta(), 1e-12);
        assertTrue(a.getPValue() < 0.05, "p " + a.getPValue());
        assertEquals(List.of("T/0", "T/2", "T/4", "T/5", "T/1", "T/3"), a.getTasksRegressed(), "largest fall first");

        // redelivered: the checkpoint, its results; then a fifth checkpoint as bad as the fourth
        f.checkpoint(FAMILY, name(3), step(3));
        complete(3);
        f.checkpoint(FAMILY, name(4), step(4));
        complete(4);
        assertEquals(List.of(), f.alerts.readKeyValuesToList(), "nothing is judged twice; an equal checkpoint raises nothing");

        KeyValueStore<String, AlertView> published = f.driver.getKeyValueStore(AlertStores.ALERTS);
        assertEquals(List.of("coder|p4|step-4000"), keys(published), "the global store every instance answers from");
        KeyValueStore<String, PlanCheckpoint> kept = f.driver.getKeyValueStore(AlertStores.CHECKPOINTS);
        assertEquals(List.of("coder|p4|step-3000", "coder|p4|step-4000", "coder|p4|step-5000"), keys(kept),
                "the judge keeps the newest " + PlannerFixture.KEEP + " checkpoints of a plan");
    }

    @Test
    void aCheckpointWithoutAStepIsNotJudged() {
        f.checkpoint(FAMILY, "a", 1L);
        f.checkpoint(FAMILY, "unordered", null);
        completeRun("a", PASSES[1]);
        completeRun("unordered", PASSES[3]);
        assertEquals(List.of(), f.alerts.readKeyValuesToList());
    }

    private static String name(int c) {
        return "step-" + step(c);
    }

    private static long step(int c) {
        return (c + 1) * 1000L;
    }

    private void complete(int c) {
        completeRun(name(c), PASSES[c]);
    }

    private void completeRun(String checkpoint, int[] passes) {
        String run = PlannedRuns.runId(FAMILY, checkpoint, PLAN);
        for (int t = 0; t < TASKS; t++) {
            for (int i = 0; i < N; i++) {
                f.result(run, "T/" + t, i, i < passes[t] ? Outcome.PASSED : Outcome.FAILED);
            }
        }
    }

    private static <V> List<String> keys(KeyValueStore<String, V> store) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }
}

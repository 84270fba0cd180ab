package dev.evalstream.evalctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Alert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTablesTest {
    @Test
    void jsonHasDesignsFieldsInTimeOrderAndFiltersByFamily() {
        Alert late = alert("a", "step-4000", 2_000);
        Alert early = alert("a", "step-2000", 1_000);
        Alert other = alert("b", "step-9", 1_500);
        List<Alert> ordered = AlertTables.inTimeOrder(List.of(late, other, early), null);
        assertEquals(List.of(early, other, late), ordered);
        assertEquals(List.of(early, late), AlertTables.inTimeOrder(List.of(late, other, early), "a"));
        String json = AlertTables.alertsJson(List.of(early)).toString();
        assertEquals("[{\"family\":\"a\",\"plan\":\"p\",\"checkpoint\":\"step-2000\",\"baseline\":\"step-1000\",\"run_id\":\"r2\","
                + "\"baseline_run_id\":\"r1\",\"k\":1,\"value\":0.3,\"baseline_value\":0.7,\"delta\":-0.4,\"p_value\":0.001,"
                + "\"tasks_regressed\":[\"t/3\",\"t/1\"],\"at\":1000}]", json);
        String table = AlertTables.alertsTable(List.of(early));
        assertTrue(table.contains("pass@1 70.00% -> 30.00%  -40.00  0.0010  t/3,t/1"), table);
        assertEquals("no alerts" + System.lineSeparator(), AlertTables.alertsTable(List.of()));
    }

    private static Alert alert(String family, String checkpoint, long at) {
        return Alert.newBuilder().setFamily(family).setPlan("p").setCheckpoint(checkpoint).setBaseline("step-1000")
                .setRunId("r2").setBaselineRunId("r1").setK(1).setValue(0.3).setBaselineValue(0.7).setDelta(-0.4)
                .setPValue(0.001).setTasksRegressed(List.of("t/3", "t/1")).setAt(Instant.ofEpochMilli(at)).build();
    }
}

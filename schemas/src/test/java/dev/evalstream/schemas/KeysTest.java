package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void taskIdsWithSlashesAndBarsSurviveARoundTrip() {
        String key = Keys.task("run-1", "HumanEval/12|x");
        assertEquals("run-1", Keys.runOf(key));
        assertEquals("HumanEval/12|x", Keys.taskOfTaskKey(key));
        assertEquals("run-1", Keys.runOf(Keys.sample("run-1", "HumanEval/12", 7)));
        assertEquals("run-1|HumanEval/12|7", Keys.sample("run-1", "HumanEval/12", 7));
    }

    @Test
    void aSamplesKeyStartsWithItsTasksKeySoTheyGroupTogether() {
        String task = Keys.task("r", "t/1");
        assertEquals(task, Keys.sample("r", "t/1", 3).substring(0, task.length()));
    }

    @Test
    void aSampleKeyIsReadBackWithBarsInItsTask() {
        assertEquals(java.util.Optional.of(new Keys.SampleKey("run-1", "HumanEval/12|x", 7)),
                Keys.parseSample(Keys.sample("run-1", "HumanEval/12|x", 7)));
        for (String notOne : new String[] {null, "", "run", "run|task", "|task|1", "run||1", "run|task|", "run|task|-1",
                "run|task|1x", "run|task|99999999999", "run|task|4294967296"}) {
            assertEquals(java.util.Optional.empty(), Keys.parseSample(notOne), notOne);
        }
    }
}

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
}

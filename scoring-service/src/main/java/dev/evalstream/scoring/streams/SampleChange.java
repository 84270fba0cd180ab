package dev.evalstream.scoring.streams;

import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;

/** A sample's new state for its task's tally; replaced is the placeholder outcome it takes over (ERROR, LOST) or null. */
record SampleChange(SampleState sample, String replaced) {
    /** The task's tally after this change (tally null or without ids: the task's first sample). */
    TaskTally applyTo(TaskTally tally) {
        TaskTally before = tally == null || tally.runId() == null
                ? TaskTally.empty(sample.runId(), sample.taskId()) : tally;
        return before.with(sample, replaced);
    }
}

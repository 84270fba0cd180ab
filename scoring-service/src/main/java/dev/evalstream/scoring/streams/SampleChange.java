package dev.evalstream.scoring.streams;

import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;

/** A sample's new state for its task's tally; replacesError when it takes over an earlier error. */
record SampleChange(SampleState sample, boolean replacesError) {
    /** The task's tally after this change (tally null or without ids: the task's first sample). */
    TaskTally applyTo(TaskTally tally) {
        TaskTally before = tally == null || tally.runId() == null
                ? TaskTally.empty(sample.runId(), sample.taskId()) : tally;
        return sample.isError() ? before.withError() : before.withVerdict(sample, replacesError);
    }
}

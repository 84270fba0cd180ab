package dev.evalstream.scoring.streams;

import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.TaskTally;

/**
 * One input of the per-run step, keyed by run id: a task's new tally (with the run as known
 * then, or null), or a change of the run record itself (run null = the run was deleted).
 * Never serialized: both kinds meet in one sub-topology.
 */
record RunChange(TaskTally task, RunInfo run) {
    static RunChange ofTask(TaskTally task, RunInfo run) {
        return new RunChange(task, run);
    }

    static RunChange ofRun(RunInfo run) {
        return new RunChange(null, run);
    }

    boolean isRunEvent() {
        return task == null;
    }
}

package dev.evalstream.scoring.streams;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.scoring.model.SampleState;

/**
 * One input of the per-task step, keyed run|task: a result (with its source, should it turn out
 * not to be the run's), samples a dead letter says were lost, or the run's word that the task is
 * its own. Exactly one of result, lost and member is set. JSON: the losses and members reach the
 * step through repartition topics, and results and losses may wait in the pending store.
 */
record TaskInput(SampleState result, Source source, DeadLetters.Lost lost, String lostReason, TaskMember member) {
    static TaskInput result(SampleState result, Source source) {
        return new TaskInput(result, source, null, null, null);
    }

    /** A result as the identity's state, with its source. */
    static TaskInput of(Result r, Source source) {
        String text = r.getDetail();
        if (text == null || text.isEmpty()) {
            text = SampleState.defaultResult(r.getOutcome().name());
        }
        // the plus verdict counts only beside a real base verdict: an ERROR is a placeholder either way
        String plus = r.getPlusOutcome() == null || r.getOutcome() == Outcome.ERROR ? null : r.getPlusOutcome().name();
        return result(new SampleState(r.getRunId(), r.getTaskId(), r.getSampleIndex(), r.getPosition(),
                r.getOutcome().name(), text, r.getSumLogprob(), r.getMeanLogprob(), plus, r.getBaseFailTests(),
                r.getPlusFailTests()), source);
    }

    static TaskInput lost(DeadLetters.Lost lost, String reason) {
        return new TaskInput(null, null, lost, reason, null);
    }

    static TaskInput member(TaskMember member) {
        return new TaskInput(null, null, null, null, member);
    }

    String runId() {
        return result != null ? result.runId() : lost != null ? lost.runId() : member.runId();
    }

    String taskId() {
        return result != null ? result.taskId() : lost != null ? lost.taskId() : member.taskId();
    }
}

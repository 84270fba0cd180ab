package dev.evalstream.scoring.alerts;

import java.util.List;

/**
 * A checkpoint of one plan as the judge keeps it: its run, step, ks, its tasks' counts once the
 * run is complete (null before), and whether it has been judged (never again once it has).
 */
public record PlanCheckpoint(String family, String plan, String checkpoint, long step, String runId, List<Integer> ks,
                             List<TaskCount> tasks, boolean judged) {

    static PlanCheckpoint of(JudgeInput in) {
        return new PlanCheckpoint(in.family(), in.plan(), in.checkpoint(), in.step(), in.runId(), in.ks(), in.tasks(), false);
    }

    boolean complete() {
        return tasks != null;
    }

    PlanCheckpoint completed(List<TaskCount> counts) {
        return new PlanCheckpoint(family, plan, checkpoint, step, runId, ks, counts, judged);
    }

    PlanCheckpoint judgedNow() {
        return new PlanCheckpoint(family, plan, checkpoint, step, runId, ks, tasks, true);
    }
}

package dev.evalstream.scoring.alerts;

import dev.evalstream.scoring.model.RunInfo;
import java.util.List;

/**
 * What the judge hears of a planned run, keyed family|plan: that it exists (tasks null), so a
 * later checkpoint waits for it as its baseline, or that it is complete, with its tasks' counts
 * at that moment. JSON over the repartition topic.
 */
public record JudgeInput(String family, String plan, String checkpoint, Long step, String runId, List<Integer> ks,
                         List<TaskCount> tasks) {

    static JudgeInput started(RunInfo run) {
        return new JudgeInput(run.family(), run.plan(), run.checkpoint(), run.step(), run.runId(), run.ks(), null);
    }

    static JudgeInput completed(RunInfo run, List<TaskCount> tasks) {
        return new JudgeInput(run.family(), run.plan(), run.checkpoint(), run.step(), run.runId(), run.ks(), List.copyOf(tasks));
    }

    boolean complete() {
        return tasks != null;
    }
}

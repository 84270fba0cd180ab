package dev.evalstream.scoring.rest;

import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskSamples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's samples as one list: open tasks keep a dedupe entry per sample, final tasks one
 * compact copy. A query that reads while a task is being released may see a sample in both:
 * it is listed once (the states are equal).
 */
public final class SampleListing {
    private SampleListing() {
    }

    public static List<SampleState> of(List<SampleState> open, List<TaskSamples> finished) {
        Map<String, SampleState> byIdentity = new LinkedHashMap<>();
        for (TaskSamples task : finished) {
            task.states().forEach(s -> byIdentity.put(Keys.sample(s.runId(), s.taskId(), s.sampleIndex()), s));
        }
        open.forEach(s -> byIdentity.putIfAbsent(Keys.sample(s.runId(), s.taskId(), s.sampleIndex()), s));
        return new ArrayList<>(byIdentity.values());
    }
}

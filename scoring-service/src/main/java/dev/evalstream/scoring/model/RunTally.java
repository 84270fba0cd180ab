package dev.evalstream.scoring.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * All task tallies of one run, keyed by task id. A newer tally of a task replaces the older
 * one, so applying the same tally twice (redelivery, replay after a crash) changes nothing.
 */
public record RunTally(Map<String, TaskTally> tasks) {
    public RunTally {
        tasks = tasks == null ? new TreeMap<>() : tasks;
    }

    public static RunTally empty() {
        return new RunTally(new TreeMap<>());
    }

    public RunTally with(TaskTally tally) {
        Map<String, TaskTally> copy = new TreeMap<>(tasks);
        copy.put(tally.taskId(), tally);
        return new RunTally(copy);
    }

    public RunTally without(String taskId) {
        Map<String, TaskTally> copy = new TreeMap<>(tasks);
        copy.remove(taskId);
        return new RunTally(copy);
    }
}

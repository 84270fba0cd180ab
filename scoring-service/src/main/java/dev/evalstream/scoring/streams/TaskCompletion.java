package dev.evalstream.scoring.streams;

import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskSamples;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the dedupe store bounded: once every sample identity of a task has a real verdict (passed,
 * failed or timed out for each index below n; an ERROR or LOST placeholder still waits for the
 * retry or late delivery that may replace it) the task is final. Any later result or loss for it is
 * then a duplicate by definition, so its n per-sample entries give way to a small marker
 * ({@link StoreNames#TASK_PROGRESS}) and one compact copy of its verdicts for the samples view
 * ({@link StoreNames#TASK_SAMPLES}). Runs inside the per-task step, so it shares its transactions.
 */
final class TaskCompletion {
    private static final Logger LOG = Logger.getLogger(TaskCompletion.class);

    private final KeyValueStore<String, SampleState> samples;
    private final KeyValueStore<String, TaskProgress> progress;
    private final KeyValueStore<String, TaskSamples> finished;

    TaskCompletion(KeyValueStore<String, SampleState> samples, KeyValueStore<String, TaskProgress> progress,
                   KeyValueStore<String, TaskSamples> finished) {
        this.samples = samples;
        this.progress = progress;
        this.finished = finished;
    }

    /** Every identity of the task is counted: nothing may change it any more. */
    boolean isFinal(TaskMember task) {
        TaskProgress p = progress.get(Keys.task(task.runId(), task.taskId()));
        return p != null && p.done();
    }

    /** One more identity of the task has its first real verdict (already in the samples store). */
    void counted(TaskMember task) {
        String key = Keys.task(task.runId(), task.taskId());
        TaskProgress p = progress.get(key);
        // no marker yet: the task's first sample, or a task counted before markers existed
        int counted = p == null ? present(task) : p.counted() + 1;
        if (counted < task.n()) {
            progress.put(key, new TaskProgress(counted, false));
        } else {
            release(task, key);
        }
    }

    private int present(TaskMember task) {
        int count = 0;
        for (int i = 0; i < task.n(); i++) {
            SampleState s = samples.get(Keys.sample(task.runId(), task.taskId(), i));
            count += s == null || s.isPlaceholder() ? 0 : 1;
        }
        return count;
    }

    private void release(TaskMember task, String key) {
        List<SampleState> states = new ArrayList<>(task.n());
        for (int i = 0; i < task.n(); i++) {
            SampleState s = samples.get(Keys.sample(task.runId(), task.taskId(), i));
            if (s == null || s.isPlaceholder()) { // the count drifted from the store: trust the store, release later
                LOG.warnf("task %s of run %s: sample %d has no verdict although %d were counted; recounting",
                        task.taskId(), task.runId(), i, task.n());
                progress.put(key, new TaskProgress(present(task), false));
                return;
            }
            states.add(s);
        }
        // the copy first: a query reading between these writes sees each verdict at least once
        finished.put(key, TaskSamples.of(task.runId(), task.taskId(), states));
        for (int i = 0; i < task.n(); i++) {
            samples.delete(Keys.sample(task.runId(), task.taskId(), i));
        }
        progress.put(key, new TaskProgress(task.n(), true));
    }
}

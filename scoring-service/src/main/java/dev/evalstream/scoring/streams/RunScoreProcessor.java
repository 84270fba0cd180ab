package dev.evalstream.scoring.streams;

import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.RunTally;
import dev.evalstream.scoring.model.TaskTally;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each run's score up to date in O(|ks|) per task change: the task's previous tally
 * (kept here, in the run's partition) is subtracted and the new one added. Only when a run
 * appears or its ks change is the tally rebuilt from the run's tasks. Emits the run's score
 * on every change (null when the run is deleted).
 */
final class RunScoreProcessor implements FixedKeyProcessor<String, RunChange, RunScore> {
    private KeyValueStore<String, TaskTally> tasks;
    private KeyValueStore<String, RunScore> scores;
    private FixedKeyProcessorContext<String, RunScore> context;

    @Override
    public void init(FixedKeyProcessorContext<String, RunScore> context) {
        this.context = context;
        this.tasks = context.getStateStore(StoreNames.RUN_TASKS);
        this.scores = context.getStateStore(StoreNames.RUN_STATE);
    }

    @Override
    public void process(FixedKeyRecord<String, RunChange> record) {
        String runId = record.key();
        RunChange change = record.value();
        if (runId == null || change == null) {
            return;
        }
        RunScore before = scores.get(runId);
        if (change.isRunEvent()) {
            RunInfo run = change.run();
            if (run == null) {
                if (before != null) {
                    scores.delete(runId);
                    context.forward(record.withValue(null));
                }
                return;
            }
            RunTally tally = before != null && before.run().ks().equals(run.ks()) ? before.tally() : rebuild(runId, run);
            put(record, new RunScore(run, tally));
            return;
        }
        TaskTally now = change.task();
        String taskKey = Keys.task(now.runId(), now.taskId());
        TaskTally old = tasks.get(taskKey);
        if (now.equals(old)) {
            return; // the same tally again (replay): nothing changes
        }
        tasks.put(taskKey, now);
        RunInfo run = change.run();
        if (run == null) {
            return; // no run record yet: its arrival builds the tally from the kept tasks
        }
        RunTally tally;
        if (before == null || !before.run().ks().equals(run.ks())) {
            tally = rebuild(runId, run);
        } else {
            tally = (old == null ? before.tally() : before.tally().without(old)).with(now);
        }
        put(record, new RunScore(run, tally));
    }

    private void put(FixedKeyRecord<String, RunChange> record, RunScore score) {
        scores.put(record.key(), score);
        context.forward(record.withValue(score));
    }

    private RunTally rebuild(String runId, RunInfo run) {
        RunTally tally = RunTally.empty(run.ks());
        try (KeyValueIterator<String, TaskTally> it = tasks.prefixScan(runId + Keys.SEP, Serdes.String().serializer())) {
            while (it.hasNext()) {
                tally = tally.with(it.next().value);
            }
        }
        return tally;
    }
}

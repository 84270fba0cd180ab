package dev.evalstream.scoring.alerts;

import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.TaskTally;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Watches the per-run step's scores (keyed by run id) for planned runs, and tells the judge, keyed
 * family|plan, once that a run exists and once that it is complete, then with every task's (n, c)
 * read from the per-run step's own task store: a run's tasks are spread over the results'
 * partitions, but their tallies all meet here, in the run's partition. The handed store is
 * written in the same transaction as what is forwarded, so each is told exactly once.
 */
final class CompletionWatch implements Processor<String, RunScore, String, JudgeInput> {
    /** How far a run has been handed to the judge. */
    enum Handed { STARTED, COMPLETE }

    private final String runTasksStore;
    private ProcessorContext<String, JudgeInput> context;
    private KeyValueStore<String, Handed> handed;
    private KeyValueStore<String, TaskTally> runTasks;

    /** @param runTasksStore the per-run step's store of its runs' task tallies (run|task -> TaskTally) */
    CompletionWatch(String runTasksStore) {
        this.runTasksStore = runTasksStore;
    }

    @Override
    public void init(ProcessorContext<String, JudgeInput> context) {
        this.context = context;
        this.handed = context.getStateStore(AlertStores.HANDED);
        this.runTasks = context.getStateStore(runTasksStore);
    }

    @Override
    public void process(Record<String, RunScore> record) {
        RunScore score = record.value();
        if (score == null || score.run() == null || !planned(score.run())) {
            return;
        }
        RunInfo run = score.run();
        Handed before = handed.get(run.runId());
        if (before == Handed.COMPLETE) {
            return;
        }
        String key = Judge.planKey(run.family(), run.plan());
        if (RunFigures.of(score).complete(run.samplesTotal())) {
            handed.put(run.runId(), Handed.COMPLETE);
            context.forward(record.withKey(key).withValue(JudgeInput.completed(run, tasks(run.runId()))));
        } else if (before == null) {
            handed.put(run.runId(), Handed.STARTED);
            context.forward(record.withKey(key).withValue(JudgeInput.started(run)));
        }
    }

    private static boolean planned(RunInfo run) {
        return run.family() != null && run.plan() != null && run.checkpoint() != null && run.samplesTotal() > 0;
    }

    private List<TaskCount> tasks(String runId) {
        List<TaskCount> out = new ArrayList<>();
        try (KeyValueIterator<String, TaskTally> it = runTasks.prefixScan(runId + Keys.SEP, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(new TaskCount(kv.value.taskId(), kv.value.n(), kv.value.c())));
        }
        return out;
    }
}

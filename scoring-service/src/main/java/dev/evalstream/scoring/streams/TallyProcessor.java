package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.SampleState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Counts each sample identity once, inside its run. Inputs, keyed run|task: results, losses
 * (samples a dead letter stood for) and the run's word that the task is its own (with n).
 *
 * <ul>
 * <li>A result or loss is applied only once its task is a member of its run; until then it waits
 *     in the pending store. Results that no run claims within the orphan wait, results keyed
 *     other than run|task, and results whose index is not below the run's n are dead letters:
 *     they are not the run's, and must not move its figures.
 * <li>The first real verdict (passed, failed, timed out) of an identity is kept and later ones
 *     are ignored, so redelivery changes nothing. ERROR (the executor's infrastructure failed)
 *     and LOST (a dead letter) are placeholders: counted as errors or lost, never in n, and a
 *     later real verdict replaces them (a result also replaces a loss) while the task is open.
 * <li>Once every identity of a task has a state the task is final ({@link TaskCompletion}): its
 *     per-sample entries are released, and any later result or loss for it is a duplicate.
 * </ul>
 * Forwards each change of a sample for the task tally (the results' own key, so no repartition).
 * The stores are written in the same task as the input offsets, so under exactly-once a crash
 * can neither lose nor double a count.
 */
final class TallyProcessor implements FixedKeyProcessor<String, TaskInput, TallyOutput> {
    private static final Logger LOG = Logger.getLogger(TallyProcessor.class);

    /** A result or loss waiting for its task's membership, since a wall-clock time. */
    record Pending(TaskInput input, long since) {
    }

    private final Duration orphanWait;
    private KeyValueStore<String, SampleState> samples;
    private KeyValueStore<String, TaskMember> members;
    private KeyValueStore<String, Pending> pending;
    private TaskCompletion completion;
    private FixedKeyProcessorContext<String, TallyOutput> context;
    /** Wall-clock time of the oldest pending input; MAX_VALUE when none waits. */
    private long oldestPending = Long.MAX_VALUE;

    TallyProcessor(Duration orphanWait) {
        this.orphanWait = orphanWait;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TallyOutput> context) {
        this.context = context;
        this.samples = context.getStateStore(StoreNames.SAMPLES);
        this.members = context.getStateStore(StoreNames.MEMBERS);
        this.pending = context.getStateStore(StoreNames.PENDING);
        this.completion = new TaskCompletion(samples, context.getStateStore(StoreNames.TASK_PROGRESS),
                context.getStateStore(StoreNames.TASK_SAMPLES));
        try (KeyValueIterator<String, Pending> it = pending.all()) {
            while (it.hasNext()) {
                oldestPending = Math.min(oldestPending, it.next().value.since());
            }
        }
    }

    @Override
    public void process(FixedKeyRecord<String, TaskInput> record) {
        TaskInput in = record.value();
        if (in != null) {
            String taskKey = Keys.task(in.runId(), in.taskId());
            if (in.member() != null) {
                members.put(taskKey, in.member());
                release(taskKey, in.member(), record);
            } else if (in.result() != null && !taskKey.equals(record.key())) {
                // the key decides the partition, and so where the identity is deduplicated
                reject(record, in.source(), "result keyed '" + record.key() + "', not run|task '" + taskKey
                        + "': a sample's results must meet in one place to be counted once");
            } else {
                TaskMember member = members.get(taskKey);
                if (member == null) {
                    park(taskKey, in);
                } else {
                    apply(in, member, record);
                }
            }
        }
        expireOrphans(record);
    }

    private void apply(TaskInput in, TaskMember member, FixedKeyRecord<String, TaskInput> record) {
        if (in.result() != null) {
            int index = in.result().sampleIndex();
            if (index >= member.n()) {
                reject(record, in.source(), "sample index " + index + " of task " + member.taskId() + " is outside run "
                        + member.runId() + ", whose samples are 0.." + (member.n() - 1));
            } else if (!completion.isFinal(member)) {
                count(in.result(), member, record);
            }
            return;
        }
        if (completion.isFinal(member)) {
            return; // every identity already has its state
        }
        int end = in.lost().end() < 0 ? member.n() : Math.min(in.lost().end(), member.n());
        for (int i = Math.max(0, in.lost().start()); i < end; i++) {
            if (samples.get(Keys.sample(member.runId(), member.taskId(), i)) == null) {
                change(SampleState.lost(member.runId(), member.taskId(), i, in.lostReason()), null, member, record);
            }
        }
    }

    private void count(SampleState now, TaskMember member, FixedKeyRecord<String, TaskInput> record) {
        SampleState seen = samples.get(Keys.sample(now.runId(), now.taskId(), now.sampleIndex()));
        if (seen != null && (!seen.isPlaceholder() || (seen.isError() && now.isError()))) {
            return; // already counted, or a repeated error: nothing changes
        }
        change(now, seen == null ? null : seen.outcome(), member, record);
    }

    private void change(SampleState now, String replaced, TaskMember member, FixedKeyRecord<String, TaskInput> record) {
        samples.put(Keys.sample(now.runId(), now.taskId(), now.sampleIndex()), now);
        context.forward(record.withValue(TallyOutput.of(new SampleChange(now, replaced))));
        if (!now.isPlaceholder()) {
            // an identity's first real verdict (change() never replaces one): the last makes the task final.
            // An ERROR or LOST placeholder does not count: a retry or a late delivery may still replace it
            completion.counted(member);
        }
    }

    private void park(String taskKey, TaskInput in) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        String id = where == null ? Long.toString(System.nanoTime()) : where.topic() + "-" + where.partition() + "-" + where.offset();
        long now = context.currentSystemTimeMs();
        pending.put(taskKey + Keys.SEP + id, new Pending(in, now));
        oldestPending = Math.min(oldestPending, now);
    }

    /** The task has become a member of its run: what waited for it is applied now. */
    private void release(String taskKey, TaskMember member, FixedKeyRecord<String, TaskInput> record) {
        if (oldestPending == Long.MAX_VALUE) {
            return;
        }
        List<KeyValue<String, Pending>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, Pending> it = pending.prefixScan(taskKey + Keys.SEP, Serdes.String().serializer())) {
            it.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, Pending> w : waiting) {
            TaskInput in = w.value.input();
            if (in.runId().equals(member.runId()) && in.taskId().equals(member.taskId())) { // task ids may hold the separator
                pending.delete(w.key);
                apply(in, member, record);
            }
        }
    }

    /** Inputs no run has claimed within the orphan wait: results become dead letters, losses are dropped with a warning. */
    private void expireOrphans(FixedKeyRecord<String, TaskInput> record) {
        long now = context.currentSystemTimeMs();
        if (oldestPending > now - orphanWait.toMillis()) {
            return;
        }
        List<KeyValue<String, Pending>> expired = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        try (KeyValueIterator<String, Pending> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, Pending> p = it.next();
                if (p.value.since() <= now - orphanWait.toMillis()) {
                    expired.add(p);
                } else {
                    oldest = Math.min(oldest, p.value.since());
                }
            }
        }
        oldestPending = oldest;
        for (KeyValue<String, Pending> p : expired) {
            pending.delete(p.key);
            TaskInput in = p.value.input();
            if (in.result() != null) {
                reject(record, in.source(), "no run claimed task " + in.taskId() + " of run " + in.runId() + " within "
                        + orphanWait.toSeconds() + " s: the run is unknown, or the task is not one of its tasks");
            } else {
                // the dead letter that reported the loss is on its topic already: nothing is dropped here
                LOG.warnf("dead letter lost samples of task %s of run %s, which no run claims: not counted", in.taskId(),
                        in.runId());
            }
        }
    }

    private void reject(FixedKeyRecord<String, TaskInput> record, Source source, String reason) {
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.of(DeadLetters.Origin.SCORER, source.topic(), source.partition(), source.offset(),
                key, source.value(), reason);
        context.forward(record.withValue(TallyOutput.rejected(letter, source.key())));
    }
}

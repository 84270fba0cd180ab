package dev.evalstream.scoring.streams;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.SampleState;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each sample identity once. The first real verdict (passed, failed, timed out) of an
 * identity is kept and later ones are ignored, so redelivery changes nothing. An ERROR is an
 * infrastructure fault: it is counted as an error but does not take the identity, so a later
 * real verdict replaces it and the error count drops. Forwards each change of a sample for
 * the task tally (keyed run|task, the results' own key, so no repartition). The store is
 * written in the same task as the input offsets, so under exactly-once a crash can neither
 * lose nor double a count.
 */
final class TallyProcessor implements FixedKeyProcessor<String, Result, SampleChange> {
    private KeyValueStore<String, SampleState> samples;
    private FixedKeyProcessorContext<String, SampleChange> context;

    @Override
    public void init(FixedKeyProcessorContext<String, SampleChange> context) {
        this.context = context;
        this.samples = context.getStateStore(StoreNames.SAMPLES);
    }

    @Override
    public void process(FixedKeyRecord<String, Result> record) {
        Result r = record.value();
        String sampleKey = Keys.sample(r.getRunId(), r.getTaskId(), r.getSampleIndex());
        SampleState seen = samples.get(sampleKey);
        if (seen != null && (!seen.isError() || r.getOutcome() == Outcome.ERROR)) {
            return; // already counted, or a repeated error: nothing changes
        }
        SampleState now = state(r);
        samples.put(sampleKey, now);
        context.forward(record.withValue(new SampleChange(now, seen != null)));
    }

    private static SampleState state(Result r) {
        String text = r.getDetail();
        if (text == null || text.isEmpty()) {
            text = switch (r.getOutcome()) {
                case PASSED -> "passed";
                case TIMED_OUT -> "timed out";
                case FAILED -> "failed: ";
                case ERROR -> "error: ";
            };
        }
        return new SampleState(r.getRunId(), r.getTaskId(), r.getSampleIndex(), r.getPosition(),
                r.getOutcome().name(), text, r.getSumLogprob(), r.getMeanLogprob());
    }
}

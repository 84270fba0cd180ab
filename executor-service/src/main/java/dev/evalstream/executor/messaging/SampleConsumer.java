package dev.evalstream.executor.messaging;

import dev.evalstream.executor.SampleProcessor;
import dev.evalstream.executor.SampleRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The samples channel: hands each record to the processor and acknowledges it once its output
 * is on the broker (the throttled commit strategy then commits the offsets). A record is acked
 * alone, never with a polled batch: a batch is acked only when its slowest record is done, so a
 * batch of samples that loop until the limit waited far longer than its records' own runs, past
 * the unacknowledged-age bound, and SmallRye closed the consumer for good (issue 12). The method
 * returns once the record is admitted, not when it is done; admission blocks while the
 * in-flight limit is reached (hence a worker thread), and that blocking is the channel's
 * backpressure: SmallRye takes no next record, and pauses its partitions once its queue fills.
 */
@ApplicationScoped
public class SampleConsumer {

    @Inject
    SampleProcessor processor;

    @Incoming("samples")
    @Blocking
    public CompletionStage<Void> samples(KafkaRecord<byte[], byte[]> r) {
        long offset = r.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
        processor.submit(new SampleRecord(r.getTopic(), r.getPartition(), offset, r.getKey(), r.getPayload()))
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        r.ack();
                    } else {
                        r.nack(failure); // not committed: redelivered here or on another instance
                    }
                });
        return CompletableFuture.completedFuture(null);
    }
}

package dev.evalstream.executor.messaging;

import dev.evalstream.executor.SampleProcessor;
import dev.evalstream.executor.SampleRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The samples channel: hands each record of a polled batch to the processor and acknowledges
 * the batch once every record's output is on the broker (the throttled commit strategy then
 * commits the offsets). The method returns as soon as the last record is admitted, not when
 * the batch is done, so the next batch flows in while this one's tail is still running and
 * no sandbox slot waits for a batch boundary. Admission blocks while the in-flight limit is
 * reached, hence a worker thread.
 */
@ApplicationScoped
public class SampleConsumer {

    @Inject
    SampleProcessor processor;

    @Incoming("samples")
    @Blocking
    public CompletionStage<Void> samples(KafkaRecordBatch<byte[], byte[]> batch) {
        CompletableFuture<?>[] done = new CompletableFuture<?>[batch.getRecords().size()];
        int i = 0;
        for (KafkaRecord<byte[], byte[]> r : batch) {
            IncomingKafkaRecordMetadata<?, ?> where = r.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
            done[i++] = processor.submit(new SampleRecord(r.getTopic(), r.getPartition(), where.getOffset(),
                    r.getKey(), r.getPayload()));
        }
        CompletableFuture.allOf(done).whenComplete((ok, failure) -> {
            if (failure == null) {
                batch.ack();
            } else {
                batch.nack(failure); // not committed: redelivered here or on another instance
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}

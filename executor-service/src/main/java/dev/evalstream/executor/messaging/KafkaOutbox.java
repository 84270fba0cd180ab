package dev.evalstream.executor.messaging;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.executor.Outbox;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The results and dead-letters channels. Each send completes when the broker acknowledges
 * the record (or fails when the producer gives up), which is what lets the samples channel
 * commit only what has been answered. The processor's in-flight limit bounds what is
 * buffered here.
 */
@ApplicationScoped
public class KafkaOutbox implements Outbox {

    @Inject
    @Channel("results")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Result> results;

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<DeadLetter> deadLetters;

    @Override
    public CompletionStage<Void> result(String key, Result result) {
        return send(results, key, result);
    }

    @Override
    public CompletionStage<Void> deadLetter(String key, DeadLetter letter) {
        return send(deadLetters, key, letter);
    }

    private static <T> CompletionStage<Void> send(Emitter<T> emitter, String key, T value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Metadata metadata = key == null ? Metadata.empty()
                : Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        Message<T> message = Message.of(value, metadata,
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) { // overflow or a channel that is shutting down
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}

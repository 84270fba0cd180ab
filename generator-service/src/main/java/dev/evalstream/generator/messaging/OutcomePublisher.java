package dev.evalstream.generator.messaging;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Sample;
import dev.evalstream.generator.PromptHandler;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Sends a prompt's samples or its dead letter and blocks until the broker acknowledged them all. */
@ApplicationScoped
public class OutcomePublisher {
    private static final Logger LOG = Logger.getLogger(OutcomePublisher.class);

    // Unbounded is safe: each worker waits for its own sends, so at most
    // concurrency x chunk size samples are ever buffered.
    @Inject
    @Channel("samples")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, Sample>> samples;

    @Inject
    @Channel("dead-letters")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, DeadLetter>> deadLetters;

    public void publish(PromptHandler.Outcome outcome) {
        if (outcome instanceof PromptHandler.Produced produced) {
            CompletableFuture<?>[] acks = produced.samples().stream()
                    .map(s -> samples.send(Record.of(s.key(), s.sample())).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            await(CompletableFuture.allOf(acks));
        } else if (outcome instanceof PromptHandler.Rejected rejected) {
            LOG.warnf("prompt %s dead-lettered: %s", rejected.key(), rejected.deadLetter().getReason());
            await(deadLetters.send(Record.of(rejected.key(), rejected.deadLetter())).toCompletableFuture());
        }
    }

    private static void await(CompletableFuture<?> acks) {
        try {
            acks.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            // not acknowledged: fail the prompt record so it is not committed and is redone
            throw new IllegalStateException("broker did not acknowledge: " + e.getCause(), e.getCause());
        }
    }
}

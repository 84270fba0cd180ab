package dev.evalstream.scoring.failures;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Closes the handlers' dead-letter producers at shutdown, after Kafka Streams has closed. */
@ApplicationScoped
public class DeadLetterSinks {
    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        KafkaDeadLetterSink.closeAll();
    }
}

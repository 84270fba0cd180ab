package dev.evalstream.scoring.webhook;

import dev.evalstream.events.Alert;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryPatience;
import dev.evalstream.scoring.alerts.AlertView;
import dev.evalstream.scoring.failures.DeadLetterSink;
import dev.evalstream.scoring.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Delivers each alert on the alerts topic to the webhook as the JSON of GET /alerts: one poll's
 * records in order, each POSTed (bounded retries) or, when that fails or the record cannot be
 * read, written as a dead letter with the reason; then the poll's offsets are committed. A crash
 * before the commit delivers those alerts again: at least once.
 */
public final class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final RegistryPatience PATIENCE = new RegistryPatience(Duration.ofSeconds(60));

    private final Consumer<String, byte[]> consumer;
    private final AvroCodec<Alert> codec;
    private final WebhookPoster poster;
    private final DeadLetterSink deadLetters;

    public WebhookDelivery(Consumer<String, byte[]> consumer, AvroCodec<Alert> codec, WebhookPoster poster,
                           DeadLetterSink deadLetters) {
        this.consumer = consumer;
        this.codec = codec;
        this.poster = poster;
        this.deadLetters = deadLetters;
    }

    /** One poll: delivers or dead-letters each record, then commits. Returns how many records it handled. */
    public int deliverOnce(Duration poll) throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(poll);
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() == null) {
                continue; // a tombstone: nothing to tell
            }
            reasonNotDelivered(r).ifPresent(reason -> {
                LOG.errorf("alert %s not delivered, dead-lettered: %s", r.key(), reason);
                deadLetters.send(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                        DeadLetters.of(DeadLetters.Origin.SCORER, r.topic(), r.partition(), r.offset(),
                                r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value(), reason));
            });
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
        return records.count();
    }

    private Optional<String> reasonNotDelivered(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        byte[] json;
        try {
            Alert alert = PATIENCE.call("decoding an alert", () -> codec.decode(r.topic(), r.value()));
            json = Json.MAPPER.writeValueAsBytes(AlertView.of(alert));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.of("alert not readable, so not sent to the webhook: " + DeadLetters.reason(e));
        }
        return poster.post(json);
    }
}

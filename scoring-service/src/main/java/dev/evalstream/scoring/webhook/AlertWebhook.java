package dev.evalstream.scoring.webhook;

import dev.evalstream.events.Alert;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.failures.DeadLetterSink;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When evalstream.alerts.webhook-url is set: a consumer of the alerts topic in its own group,
 * on its own thread, POSTing every alert there (WebhookDelivery). Not set: nothing runs.
 */
@ApplicationScoped
public class AlertWebhook {
    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);
    static final String GROUP = "evalstream-scorer-alerts-webhook";

    @ConfigProperty(name = "evalstream.alerts.webhook-url")
    Optional<URI> url;
    @ConfigProperty(name = "evalstream.alerts.webhook-attempts", defaultValue = "3")
    int attempts;
    @ConfigProperty(name = "evalstream.alerts.webhook-backoff", defaultValue = "1s")
    Duration backoff;
    @ConfigProperty(name = "evalstream.alerts.webhook-timeout", defaultValue = "5s")
    Duration timeout;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "evalstream.registry.url")
    String registryUrl;
    @ConfigProperty(name = "evalstream.topics.alerts")
    String alerts;
    @ConfigProperty(name = "evalstream.topics.dead-letters")
    String deadLetters;

    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        if (url.isEmpty()) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // alerts raised before this group first joined are delivered too
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50), new StringDeserializer(), new ByteArrayDeserializer());
        WebhookDelivery delivery = new WebhookDelivery(consumer, new AvroCodec<>(Alert.class, RegistryClient.shared(registryUrl), false),
                new WebhookPoster(url.get(), attempts, backoff, timeout), DeadLetterSink.kafka(bootstrap, registryUrl, deadLetters));
        running = true;
        thread = new Thread(() -> loop(delivery), "alerts-webhook");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("alerts webhook: every alert on %s is POSTed to %s (%d attempts)", alerts, url.get(), attempts);
    }

    private void loop(WebhookDelivery delivery) {
        try {
            consumer.subscribe(List.of(alerts));
            while (running) {
                delivery.deliverOnce(Duration.ofSeconds(1));
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("alerts webhook stopped; its uncommitted alerts are delivered after a restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            running = false;
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}

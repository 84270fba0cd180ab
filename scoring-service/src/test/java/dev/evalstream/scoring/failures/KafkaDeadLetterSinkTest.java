package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.Topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterSinkTest {
    private final DeadLetter letter = DeadLetters.of(DeadLetters.Origin.SCORER, Topics.RESULTS, 0, 5L,
            "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, "processing failed");

    @Test
    void writesTheAvroDeadLetterUnderTheInputsKeyAndWaitsForTheAck() throws Exception {
        try (InProcessRegistry registry = new InProcessRegistry()) {
            RegistryClient client = new RegistryClient(registry.url());
            MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            new KafkaDeadLetterSink(producer, new AvroSerializer<>(client), Topics.DEAD_LETTERS, 1000)
                    .send("k".getBytes(StandardCharsets.UTF_8), letter);

            assertEquals(1, producer.history().size());
            var sent = producer.history().get(0);
            assertEquals(Topics.DEAD_LETTERS, sent.topic());
            assertEquals("k", new String(sent.key(), StandardCharsets.UTF_8));
            DeadLetter back = new AvroDeserializer<>(DeadLetter.class, client).deserialize(sent.topic(), sent.value());
            assertEquals("processing failed", back.getReason());
        }
    }

    @Test
    void aDeadLetterTheBrokerRefusesIsAnException() throws Exception {
        try (InProcessRegistry registry = new InProcessRegistry()) {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            KafkaDeadLetterSink sink = new KafkaDeadLetterSink(producer,
                    new AvroSerializer<>(new RegistryClient(registry.url())), Topics.DEAD_LETTERS, 1000);
            Thread refuse = new Thread(() -> {
                while (!producer.errorNext(new TopicAuthorizationException("no write"))) {
                    Thread.onSpinWait();
                }
            });
            refuse.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.send(null, letter));
            refuse.join();
            assertTrue(e.getCause() instanceof TopicAuthorizationException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void itsProducerTakesTheStreamsConnectionSettingsButIsNeverTransactional() {
        Map<String, Object> p = KafkaDeadLetterSink.producerConfig(Map.of(
                "application.id", "evalstream-scorer",
                "bootstrap.servers", "broker:9092",
                "security.protocol", "SSL",
                "processing.guarantee", "exactly_once_v2",
                "producer.transactional.id", "x",
                "producer.max.request.size", "2000000"));
        assertEquals("broker:9092", p.get("bootstrap.servers"));
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("2000000", p.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("evalstream-scorer-dead-letters", p.get(ProducerConfig.CLIENT_ID_CONFIG));
        assertFalse(p.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        assertFalse(p.containsKey("processing.guarantee"));
    }
}

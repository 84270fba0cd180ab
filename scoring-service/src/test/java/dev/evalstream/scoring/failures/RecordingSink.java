package dev.evalstream.scoring.failures;

import dev.evalstream.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** A dead-letter sink that keeps what it is given, or refuses it when told to. */
public final class RecordingSink implements DeadLetterSink {
    public final List<DeadLetter> letters = new ArrayList<>();
    public final List<String> keys = new ArrayList<>();
    public volatile boolean failing;

    @Override
    public synchronized void send(byte[] key, DeadLetter letter) {
        if (failing) {
            throw new IllegalStateException("dead-letters topic unreachable");
        }
        keys.add(key == null ? null : new String(key, StandardCharsets.UTF_8));
        letters.add(letter);
    }

    /** The handler configs that point the scorer's handlers at this sink and these counters. */
    public Map<String, Object> configs(ScorerFailures failures) {
        return Map.of(CONFIG, this, ScorerFailures.CONFIG, failures);
    }

    /** Streams properties registering all three record handlers, writing here. */
    public Properties handlers(ScorerFailures failures) {
        Properties p = new Properties();
        p.putAll(configs(failures));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        return p;
    }
}

package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.CompactedTopicReader;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Reads one of the stack's compacted topics (the catalog, the plans) to its end; undecodable records are skipped with a warning. */
final class CompactedTopics {
    private CompactedTopics() {
    }

    static <T extends SpecificRecord> Map<String, T> read(StackOptions stack, String topic, Class<T> type, long timeoutSeconds) {
        CompactedTopicReader reader = new CompactedTopicReader(stack.bootstrapServers(), stack.registryUrl());
        Map<String, T> latest = reader.read(topic, type, Duration.ofSeconds(timeoutSeconds));
        reader.skipped().forEach(s -> stack.log(0, "warning: skipped undecodable record " + s));
        return latest;
    }
}

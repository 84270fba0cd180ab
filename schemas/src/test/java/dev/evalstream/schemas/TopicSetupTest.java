package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicSetupTest {
    @Test
    void everyTopicOnceWithOnePartitionCountAndTheLatestValueOnesCompacted() {
        var plan = TopicSetup.plan(8, (short) 1);
        assertEquals(Topics.ALL, plan.stream().map(NewTopic::name).toList());
        for (NewTopic t : plan) {
            assertEquals(8, t.numPartitions(), t.name());
            assertEquals(Topics.COMPACTED.contains(t.name()) ? Map.of("cleanup.policy", "compact") : null,
                    t.configs(), t.name());
        }
    }
}

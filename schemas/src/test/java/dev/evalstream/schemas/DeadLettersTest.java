package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void originsAreSpelledAsTheServicesModules() {
        assertEquals(List.of("generator-service", "executor-service", "scoring-service"),
                List.of(DeadLetters.Origin.values()).stream().map(DeadLetters.Origin::service).toList());
        assertEquals("executor-service", DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null, "r")
                .getService());
    }
}

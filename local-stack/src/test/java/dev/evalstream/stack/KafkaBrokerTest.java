package dev.evalstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    @Test
    void clusterIdsAre16BytesAndNeverLookLikeAnOption() {
        // one id in 64 would start with '-' if not prevented; 5000 draws make a miss very unlikely
        for (int i = 0; i < 5000; i++) {
            String id = KafkaBroker.randomClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(22, id.length(), id);
            assertEquals(16, Base64.getUrlDecoder().decode(id).length);
            assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
        }
    }
}

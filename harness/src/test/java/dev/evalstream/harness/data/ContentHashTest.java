package dev.evalstream.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    @Test
    void isSha256OfLengthPrefixedParts() {
        // python3: hashlib.sha256(b"3:abc1:f4:test").hexdigest()
        assertEquals("a317cfa891d9ed54c22d2dae7524faa81d16afc0d8c715e99c5f09868b176379",
                ContentHash.of(new Problem("t", "abc", "f", "test", null)));
        assertEquals(ContentHash.of(new Problem("t", "abc", "f", "test", null)),
                ContentHash.of(new Problem("other id", "abc", "f", "test", "solution ignored")));
    }

    @Test
    void framingSeparatesParts() {
        assertNotEquals(ContentHash.of(new Problem("t", "ab", "cf", "test", null)),
                ContentHash.of(new Problem("t", "abc", "f", "test", null)));
        assertNotEquals(ContentHash.ofAll(List.of("a", "b")), ContentHash.ofAll(List.of("b", "a")));
    }

    @Test
    void ofTextIsSha256OfUtf8() {
        // python3: hashlib.sha256("é".encode()).hexdigest()
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", ContentHash.ofText("é"));
    }
}

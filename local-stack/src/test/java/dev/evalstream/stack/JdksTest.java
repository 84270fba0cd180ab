package dev.evalstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class JdksTest {
    @Test
    void readsFeatureVersionsInBothNumberingSchemes() {
        assertEquals(8, Jdks.feature("1.8.0_392"));
        assertEquals(17, Jdks.feature("17.0.15"));
        assertEquals(21, Jdks.feature("21"));
        assertEquals(25, Jdks.feature("25+36-LTS"));
    }

    @Test
    void findsTheRunningJvmAndChoosesAnExecutableJava() {
        Jdks jdks = Jdks.discover();
        int running = Runtime.version().feature();
        assertTrue(jdks.all().stream().anyMatch(j -> j.feature() == running), jdks.all().toString());
        Jdks.Jdk chosen = jdks.atLeast(17, "test");
        assertTrue(chosen.feature() >= 17 && Files.isExecutable(chosen.java()), chosen.toString());
    }

    @Test
    void failsNamingWhatWasFoundWhenNothingIsNewEnough() throws Exception {
        String runningHome = java.nio.file.Path.of(System.getProperty("java.home")).toRealPath().toString();
        StackException e = assertThrows(StackException.class, () -> Jdks.discover().atLeast(999, "a future tool"));
        assertEquals(StackException.Kind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("needs Java 999+") && e.getMessage().contains(runningHome),
                e.getMessage());
    }
}

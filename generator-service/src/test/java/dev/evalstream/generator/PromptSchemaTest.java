package dev.evalstream.generator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The generator never sees tests: nothing it reads can carry them. */
class PromptSchemaTest {

    @Test
    void noFieldOfAPromptAtAnyDepthCarriesTests() {
        Set<String> names = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>();
        todo.push(Prompt.getClassSchema());
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            switch (s.getType()) {
                case RECORD -> s.getFields().forEach(f -> {
                    names.add(f.name().toLowerCase());
                    todo.push(f.schema());
                });
                case UNION -> s.getTypes().forEach(todo::push);
                case ARRAY -> todo.push(s.getElementType());
                case MAP -> todo.push(s.getValueType());
                default -> { }
            }
        }
        // the Problem event's test-bearing fields, whatever they are called there
        for (Schema.Field f : Problem.getClassSchema().getFields()) {
            String n = f.name().toLowerCase();
            if (n.contains("test") || n.contains("canonical") || n.contains("solution")) {
                assertFalse(names.contains(n), "Prompt carries the problem's " + f.name());
            }
        }
        names.forEach(n -> assertFalse(n.contains("test") || n.contains("solution"), "Prompt field " + n));
    }

    @Test
    void theGeneratorHasNoHarnessOnItsClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.evalstream.harness.ProgramAssembly"));
    }
}

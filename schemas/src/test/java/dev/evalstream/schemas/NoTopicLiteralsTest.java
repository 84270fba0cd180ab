package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Topics is the one place a topic is named: code, configuration and compose elsewhere refer to it. */
class NoTopicLiteralsTest {
    private static final Path PROJECT = Path.of("..");

    @Test
    void noTopicNameIsSpelledOutsideSchemas() throws IOException {
        List<String> found;
        try (Stream<Path> files = Files.walk(PROJECT)) {
            found = files.filter(Files::isRegularFile)
                    .filter(NoTopicLiteralsTest::checked)
                    .flatMap(NoTopicLiteralsTest::literals)
                    .toList();
        }
        assertEquals(List.of(), found);
    }

    private static boolean checked(Path file) {
        Path rel = PROJECT.relativize(file);
        String name = file.getFileName().toString();
        boolean skipped = rel.startsWith("schemas") || rel.toString().contains("/target/")
                || rel.toString().startsWith("target/") || rel.toString().startsWith(".");
        return !skipped && (name.endsWith(".java") || name.endsWith(".properties") || name.endsWith(".yml")
                || name.endsWith(".yaml") || name.endsWith(".sh") || name.startsWith("Dockerfile"));
    }

    private static Stream<String> literals(Path file) {
        try {
            String text = Files.readString(file);
            // a name followed by '.', '-' or a word character is something else: the alerts'
            // settings evalstream.alerts.level etc. share the topic's prefix
            return Topics.ALL.stream()
                    .filter(topic -> Pattern.compile(Pattern.quote(topic) + "(?![.\\w-])").matcher(text).find())
                    .map(topic -> file + ": " + topic);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

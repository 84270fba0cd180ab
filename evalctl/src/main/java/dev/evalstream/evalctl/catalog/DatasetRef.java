package dev.evalstream.evalctl.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NAME[@VERSION] as the user wrote it: "humaneval+", "mbpp+@pre". */
public record DatasetRef(String asked, String name, String version) {
    private static final Pattern SHAPE = Pattern.compile("([a-z][a-z0-9+_-]*)(?:@([A-Za-z0-9._-]+))?");

    /**
     * A reference when the argument is not an existing file and is shaped like a name (no
     * folder, no file extension); empty otherwise, so every path keeps meaning a file.
     */
    public static Optional<DatasetRef> of(Path argument) {
        String s = argument.toString();
        if (Files.exists(argument)) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(s);
        if (!m.matches() || s.endsWith(".jsonl") || s.endsWith(".gz") || s.endsWith(".json")) {
            return Optional.empty();
        }
        return Optional.of(new DatasetRef(s, m.group(1), m.group(2)));
    }
}

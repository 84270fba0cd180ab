package dev.evalstream.harness.data;

import java.nio.file.Path;

/**
 * A problems or samples file that cannot be used, with where: the file, the line (1-based,
 * 0 for the whole file) and the field, so the message reads
 * {@code samples.jsonl:17: field "completion" is missing}.
 */
public class DataFileException extends RuntimeException {
    private final transient Path file;
    private final int line;
    private final String field;

    public DataFileException(Path file, int line, String field, String problem, Throwable cause) {
        super(describe(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public DataFileException(Path file, int line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    private static String describe(Path file, int line, String field, String problem) {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (field != null) {
            s.append("field \"").append(field).append("\" ");
        }
        return s.append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the fault is the whole file's. */
    public int line() {
        return line;
    }

    /** The JSON field at fault, or null. */
    public String field() {
        return field;
    }
}

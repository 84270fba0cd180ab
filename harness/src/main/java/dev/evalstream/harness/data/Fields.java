package dev.evalstream.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Typed access to one line's fields, failing with the file, line and field. */
final class Fields {
    private Fields() {
    }

    static String string(Path file, int line, ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new DataFileException(file, line, field, v == null ? "is missing" : "is null");
        }
        return text(file, line, field, v);
    }

    static String optionalString(Path file, int line, ObjectNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : text(file, line, field, v);
    }

    private static String text(Path file, int line, String field, JsonNode v) {
        if (!v.isTextual()) {
            throw new DataFileException(file, line, field, "is not a string (a " + v.getNodeType().name().toLowerCase() + ")");
        }
        return v.textValue();
    }
}

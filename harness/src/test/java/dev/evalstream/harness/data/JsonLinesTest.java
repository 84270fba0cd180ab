package dev.evalstream.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    @Test
    void skipsBlankLinesAndCountsThemInLineNumbers() throws IOException {
        Path file = dir.resolve("a.jsonl");
        Files.writeString(file, "{\"a\": 1}\n\n   \n{\"b\": 2}\r\n");
        List<JsonLines.Line> lines = JsonLines.read(file);
        assertEquals(2, lines.size());
        assertEquals(1, lines.get(0).number());
        assertEquals(4, lines.get(1).number());
        assertEquals(2, lines.get(1).object().get("b").intValue());
    }

    @Test
    void readsGzipByName() throws IOException {
        Path file = dir.resolve("a.jsonl.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"task_id\": \"x\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("x", JsonLines.read(file).get(0).object().get("task_id").textValue());
    }

    @Test
    void writesWhatPythonJsonDumpsWrites() throws IOException {
        // the expected bytes were produced by python3: json.dumps of the same object
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"s\":\"caf\u00e9 \ud83d\ude00 \\u0001\\t\\\"q\\\" \\\\ \u007f\",\"n\":[1,2.5,1e-05,1e16,-0.0,12345678901234567890],"
                + "\"o\":{},\"a\":[],\"t\":true,\"z\":null,\"f\":100.0}\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");
        JsonLines.write(out, JsonLines.read(in).stream().map(JsonLines.Line::object).toList());
        assertEquals("{\"s\": \"caf\\u00e9 \\ud83d\\ude00 \\u0001\\t\\\"q\\\" \\\\ \\u007f\", "
                + "\"n\": [1, 2.5, 1e-05, 1e+16, -0.0, 12345678901234567890], "
                + "\"o\": {}, \"a\": [], \"t\": true, \"z\": null, \"f\": 100.0}\n", Files.readString(out));
    }

    @Test
    void floatReprFollowsPython() {
        assertEquals("0.4999999999999999", PythonJson.floatRepr(0.4999999999999999));
        assertEquals("0.0001", PythonJson.floatRepr(1e-4));
        assertEquals("1e-05", PythonJson.floatRepr(1e-5));
        assertEquals("1234567890123456.0", PythonJson.floatRepr(1234567890123456.0));
        assertEquals("1.5e+16", PythonJson.floatRepr(1.5e16));
        assertEquals("-2.5e-07", PythonJson.floatRepr(-2.5e-7));
        assertEquals("NaN", PythonJson.floatRepr(Double.NaN));
    }

    @Test
    void gzipRoundTrip() throws IOException {
        Path file = dir.resolve("r.jsonl.gz");
        ObjectNode o = JsonLines.MAPPER.createObjectNode().put("task_id", "t/1").put("completion", "  return 1\n");
        JsonLines.write(file, List.of(o, o));
        byte[] raw;
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            raw = in.readAllBytes();
        }
        String line = "{\"task_id\": \"t/1\", \"completion\": \"  return 1\\n\"}\n";
        assertArrayEquals((line + line).getBytes(StandardCharsets.UTF_8), raw);
        assertEquals(o, JsonLines.read(file).get(1).object());
    }

    @Test
    void badJsonNamesFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"a\": 1}\n{\"a\": \n");
        DataFileException e = assertThrows(DataFileException.class, () -> JsonLines.read(file));
        assertEquals(2, e.line());
        assertEquals(file + ":2: is not valid JSON", e.getMessage().substring(0, (file + ":2: is not valid JSON").length()));
    }

    @Test
    void trailingGarbageAndNonObjectsAreErrors() throws IOException {
        Path file = dir.resolve("t.jsonl");
        Files.writeString(file, "{\"a\": 1} x\n");
        assertEquals(1, assertThrows(DataFileException.class, () -> JsonLines.read(file)).line());
        Files.writeString(file, "{}\n[1]\n");
        assertEquals(file + ":2: is not a JSON object",
                assertThrows(DataFileException.class, () -> JsonLines.read(file)).getMessage());
    }

    @Test
    void invalidUtf8IsAnErrorWithItsLine() throws IOException {
        Path file = dir.resolve("u.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"a\": \"ok\"}\n{\"a\": \"".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xff);
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        DataFileException e = assertThrows(DataFileException.class, () -> JsonLines.read(file));
        assertEquals(2, e.line());
    }

    @Test
    void missingAndNotGzipFilesAreNamed() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        assertEquals(missing + ": no such file",
                assertThrows(DataFileException.class, () -> JsonLines.read(missing)).getMessage());
        Path fake = dir.resolve("fake.jsonl.gz");
        Files.writeString(fake, "{}\n");
        DataFileException e = assertThrows(DataFileException.class, () -> JsonLines.read(fake));
        assertEquals(fake, e.file());
    }
}

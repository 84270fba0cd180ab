package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/** The public HumanEval problems (read by path, never copied into the project) and sample files made from them. */
final class HumanEvalFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path problems() {
        String dir = System.getenv("HUMANEVAL_DIR");
        if (dir == null || dir.isBlank() || !Files.isRegularFile(Path.of(dir, "HumanEval.jsonl.gz"))) {
            throw new IllegalStateException("HUMANEVAL_DIR must name the folder holding HumanEval.jsonl.gz (bin/test sets it); got " + dir);
        }
        return Path.of(dir, "HumanEval.jsonl.gz");
    }

    static List<JsonNode> problemNodes() {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(problems())), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A samples file with, for each problem, the completions the function gives, in problem order. */
    static Path samples(String name, Function<JsonNode, List<String>> completions) {
        Path file = ItStack.itDir().resolve(name);
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : problemNodes()) {
            for (String c : completions.apply(p)) {
                sb.append(JSON.createObjectNode().put("task_id", p.get("task_id").asText()).put("completion", c)).append('\n');
            }
        }
        try {
            return Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HumanEvalFiles() {
    }
}

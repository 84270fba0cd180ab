package dev.evalstream.generator.backend.llamacpp;

import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.evalstream.generator.backend.BackendException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The models loaded in this process, one per GGUF path, loaded on first use. Each model is used
 * by one generation at a time (its lock): llama.cpp serves one sequence per slot anyway, and
 * one at a time keeps a seeded sample independent of what else is running, so it reproduces.
 * Beyond maxModels, the least recently used idle model is closed.
 */
final class LoadedModels implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LoadedModels.class);

    private final LlamaCppSettings settings;
    private final Function<Path, LlamaModel> loader;
    private final Map<Path, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);
    private boolean closed;

    /** One model file: loaded lazily, used under its lock; the running generation can be cancelled. */
    static final class Entry {
        final Path file;
        final ReentrantLock lock = new ReentrantLock();
        private LlamaModel model;
        private volatile LlamaIterator running;

        Entry(Path file) {
            this.file = file;
        }

        /** The loaded model; call with the lock held. */
        LlamaModel model(Function<Path, LlamaModel> loader) {
            if (model == null) {
                model = loader.apply(file);
            }
            return model;
        }

        void running(LlamaIterator it) {
            running = it;
        }

        void cancelRunning() {
            LlamaIterator it = running;
            if (it != null) {
                try {
                    it.cancel();
                } catch (RuntimeException e) {
                    LOG.debugf("cancelling a generation on %s failed: %s", file, e);
                }
            }
        }

        void closeModel() {
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }

    LoadedModels(LlamaCppSettings settings, Function<Path, LlamaModel> loader) {
        this.settings = settings;
        this.loader = loader;
    }

    /** Runs {@code work} with the model of {@code file}, loading it first if needed. */
    <T> T with(Path file, Function<Entry, T> work) {
        Entry e = entry(file);
        e.lock.lock();
        try {
            if (closed) {
                throw new BackendException("llamacpp backend is shutting down");
            }
            return work.apply(e);
        } finally {
            e.lock.unlock();
        }
    }

    LlamaModel model(Entry e) {
        return e.model(loader);
    }

    private synchronized Entry entry(Path file) {
        if (closed) {
            throw new BackendException("llamacpp backend is shutting down");
        }
        Entry e = entries.computeIfAbsent(file, Entry::new);
        if (entries.size() > settings.maxModels()) {
            evictIdle(file);
        }
        return e;
    }

    /** Closes least recently used models nobody is using until at most maxModels remain. */
    private void evictIdle(Path keep) {
        List<Path> order = new ArrayList<>(entries.keySet()); // least recently used first
        for (Path p : order) {
            if (entries.size() <= settings.maxModels()) {
                return;
            }
            Entry old = entries.get(p);
            if (p.equals(keep) || !old.lock.tryLock()) {
                continue;
            }
            try {
                entries.remove(p);
                old.closeModel();
                LOG.infof("llamacpp: closed %s (more than %d models loaded)", p, settings.maxModels());
            } finally {
                old.lock.unlock();
            }
        }
    }

    /** Cancels running generations, then closes every model; waits at most {@code grace} per model. */
    void close(Duration grace) {
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (Entry e : all) {
            e.cancelRunning();
            try {
                if (e.lock.tryLock(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    try {
                        e.closeModel();
                    } finally {
                        e.lock.unlock();
                    }
                } else {
                    LOG.warnf("llamacpp: %s still busy after %d ms; left to process exit", e.file, grace.toMillis());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    static LlamaModel load(Path file, LlamaCppSettings s) {
        long t0 = System.nanoTime();
        try {
            LlamaModel m = new LlamaModel(new ModelParameters().setModel(file.toString())
                    .setThreads(s.effectiveThreads()).setCtxSize(s.contextSize()));
            LOG.infof("llamacpp: loaded %s in %d ms (%d threads, context %d tokens). In-process llama.cpp gives"
                            + " NO log-probabilities (java-llama.cpp's n_probs aborts the JVM, so it is never asked"
                            + " for): its samples carry no sum/mean log-prob and cannot be ranked by them",
                    file, (System.nanoTime() - t0) / 1_000_000, s.effectiveThreads(), s.contextSize());
            return m;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new BackendException("llama.cpp could not load " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.evalstream.generator;

import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.llamacpp.LlamaCppBackend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The backends of this generator by name, and their shutdown. */
public final class Backends {
    private static final Logger LOG = Logger.getLogger(Backends.class);

    private final Map<String, Backend> byName = new LinkedHashMap<>();

    public Backends(List<Backend> backends) {
        backends.forEach(b -> byName.put(b.name(), b));
    }

    public Map<String, Backend> byName() {
        return Map.copyOf(byName);
    }

    /**
     * Closes every backend on a daemon thread and waits at most {@code limit}: a model still in
     * native code must not hold up the service's exit (the JVM halts after shutdown anyway).
     */
    public void close(Duration limit) {
        Thread closer = new Thread(() -> byName.values().forEach(b -> {
            try {
                if (b instanceof LlamaCppBackend l) {
                    l.close(limit);
                } else {
                    b.close();
                }
            } catch (RuntimeException e) {
                LOG.warnf("closing backend %s failed: %s", b.name(), e);
            }
        }), "backends-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(limit.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warnf("backends not closed within %d ms; exiting anyway", limit.toMillis());
        }
    }
}

package dev.evalstream.it;

import dev.evalstream.stack.LocalStack;
import dev.evalstream.stack.Ports;
import dev.evalstream.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real local stack (Kafka broker, Apicurio Registry, the three packaged services) for all
 * integration tests of a run, on free ports in target/it, stopped when the test run ends.
 */
public final class ItStack implements BeforeAllCallback {
    private static LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ItStack.class, k -> start(), Stopper.class);
    }

    private static synchronized Stopper start() {
        Path runDir = itDir().resolve("stack");
        StackConfig config = StackConfig.defaults(projectDir()).withRunDir(runDir).withPorts(Ports.free())
                .withReadyTimeout(Duration.ofSeconds(180));
        stack = new LocalStack(config).onProgress(line -> System.out.println("[it-stack] " + line));
        stack.purge(); // each test run starts empty; a previous, interrupted one may have left processes and data here
        stack.up();
        return new Stopper();
    }

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(ItStack.class)");
        }
        return stack;
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("evalstream.project.dir", "..")).toAbsolutePath().normalize();
    }

    public static Path itDir() {
        Path dir = Path.of(System.getProperty("evalstream.it.dir", "target/it")).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the stack when JUnit closes the root store, i.e. after the last test class. */
    static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stack.down();
        }
    }
}

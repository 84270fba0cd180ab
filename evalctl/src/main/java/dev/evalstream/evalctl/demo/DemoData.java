package dev.evalstream.evalctl.demo;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The bundled demo problem set and its replay samples (resources demo/*.jsonl). They are
 * copied out of the jar because the generator reads the replay file by absolute path.
 */
public final class DemoData {
    public static final String PROBLEMS = "demo/evalstream-demo.jsonl";
    public static final String SAMPLES = "demo/evalstream-demo-samples.jsonl";

    public record Files(Path problems, Path samples) {
    }

    private DemoData() {
    }

    public static Files extract(Path dir) {
        return new Files(copy(PROBLEMS, dir), copy(SAMPLES, dir));
    }

    private static Path copy(String resource, Path dir) {
        Path target = dir.resolve(Path.of(resource).getFileName()).toAbsolutePath();
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new EvalctlException(ExitCodes.SOFTWARE, "resource " + resource + " missing from the evalctl jar");
            }
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new EvalctlException(ExitCodes.ENVIRONMENT, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}

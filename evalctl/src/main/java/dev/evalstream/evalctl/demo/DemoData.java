package dev.evalstream.evalctl.demo;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The bundled demo problem set, its replay samples, and the samples of a model family's four
 * checkpoints (resources demo/, demo/family/). They are copied out of the jar because the
 * generator reads a replay file by absolute path.
 */
public final class DemoData {
    public static final String PROBLEMS = "demo/evalstream-demo.jsonl";
    public static final String SAMPLES = "demo/evalstream-demo-samples.jsonl";

    /** The model family's checkpoints: name, training step, the samples file its replay gives. */
    public record FamilyCheckpoint(String name, long step, Path samples) {
    }

    /** The checkpoints' steps, in the order they arrive (demo/family/step-N.jsonl). */
    static final long[] STEPS = {1000, 2000, 3000, 4000};

    public record Files(Path problems, Path samples, java.util.List<FamilyCheckpoint> checkpoints) {
    }

    private DemoData() {
    }

    public static Files extract(Path dir) {
        java.util.List<FamilyCheckpoint> checkpoints = new java.util.ArrayList<>();
        for (long step : STEPS) {
            checkpoints.add(new FamilyCheckpoint("step-" + step, step, copy("demo/family/step-" + step + ".jsonl", dir)));
        }
        return new Files(copy(PROBLEMS, dir), copy(SAMPLES, dir), java.util.List.copyOf(checkpoints));
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

package dev.evalstream.evalctl;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project checkout: EVALSTREAM_HOME (set by bin/evalctl), the system property
 * evalstream.project.dir (set by the tests), else upwards from evalctl's own jar or classes
 * to the directory holding both pom.xml and local-stack/.
 */
public final class ProjectDir {
    private ProjectDir() {
    }

    public static Path locate() {
        String explicit = System.getenv("EVALSTREAM_HOME");
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getProperty("evalstream.project.dir");
        }
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path start = codeLocation();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("local-stack"))) {
                return p;
            }
        }
        throw new EvalctlException(ExitCodes.ENVIRONMENT,
                "cannot find the evalstream project directory above " + start + "; set EVALSTREAM_HOME");
    }

    /** Where the local stack keeps its state: EVALSTREAM_RUN_DIR, else the project's .evalstream folder. */
    public static Path defaultRunDir() {
        String env = System.getenv("EVALSTREAM_RUN_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : locate().resolve(".evalstream");
    }

    private static Path codeLocation() {
        try {
            return Path.of(ProjectDir.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}

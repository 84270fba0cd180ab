package dev.evalstream.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged command line (evalctl/target/evalctl.jar) as a user would, against the test stack. */
final class Evalctl {

    record Run(int exitCode, String stdout, String stderr) {
        /** The last line of stdout: submit prints the run id there. */
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    static Run run(String... args) {
        return run(Duration.ofMinutes(10), args);
    }

    static Run run(Duration timeout, String... args) {
        var stack = ItStack.stack().config();
        Path jar = ItStack.projectDir().resolve("evalctl/target/evalctl.jar");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(ItStack.itDir(), "evalctl", ".out");
            Path err = Files.createTempFile(ItStack.itDir(), "evalctl", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("EVALSTREAM_BOOTSTRAP_SERVERS", stack.bootstrapServers());
            env.put("EVALSTREAM_REGISTRY_URL", stack.registryUrl());
            env.put("EVALSTREAM_SCORER_URL", "http://localhost:" + stack.ports().scorer());
            env.put("EVALSTREAM_RUN_DIR", stack.runDir().toString());
            env.put("EVALSTREAM_HOME", ItStack.projectDir().toString());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("evalctl " + String.join(" ", args) + " did not finish in " + timeout
                        + "; stderr so far:\n" + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs and requires exit code 0, showing stderr otherwise. */
    static Run ok(String... args) {
        Run r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("evalctl " + String.join(" ", args) + " exited " + r.exitCode()
                    + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        }
        return r;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Evalctl() {
    }
}

package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.ProjectDir;
import dev.evalstream.stack.StackConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command shares: where the stack is and how chatty to be. Mixed into commands
 * with {@code @Mixin StackOptions stack;}. Each default can be overridden by an EVALSTREAM_*
 * environment variable, so containers and scripts need no flags.
 */
public class StackOptions {
    public static final String DEFAULT_BOOTSTRAP = "localhost:19092";
    public static final String DEFAULT_REGISTRY = "http://localhost:18080/apis/ccompat/v7";
    public static final String DEFAULT_SCORER = "http://localhost:18082";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:EVALSTREAM_BOOTSTRAP_SERVERS:-${env:KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP + "}}",
            description = "Kafka bootstrap servers (env EVALSTREAM_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            defaultValue = "${env:EVALSTREAM_REGISTRY_URL:-" + DEFAULT_REGISTRY + "}",
            description = "Schema registry, Confluent API base URL (env EVALSTREAM_REGISTRY_URL; default ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--scorer-url", paramLabel = "URL",
            defaultValue = "${env:EVALSTREAM_SCORER_URL:-" + DEFAULT_SCORER + "}",
            description = "Scoring service REST base URL (env EVALSTREAM_SCORER_URL; default ${DEFAULT-VALUE}).")
    String scorerUrl;

    @Option(names = "--run-dir", paramLabel = "DIR",
            defaultValue = "${env:EVALSTREAM_RUN_DIR}",
            description = "Where the local stack keeps data, logs and pids (env EVALSTREAM_RUN_DIR; default <project>/.evalstream).")
    Path runDir;

    @Option(names = {"-v", "--verbose"},
            description = "More detail on stderr; repeat (-vv) for even more.")
    boolean[] verbosity = new boolean[0];

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Scorer base URL without a trailing slash. */
    public String scorerUrl() {
        return scorerUrl.endsWith("/") ? scorerUrl.substring(0, scorerUrl.length() - 1) : scorerUrl;
    }

    /** 0 = quiet, 1 = -v, 2 = -vv. */
    public int verbosity() {
        return verbosity.length;
    }

    /** The project checkout evalctl belongs to (bin/evalctl exports EVALSTREAM_HOME). */
    public Path projectDir() {
        return ProjectDir.locate();
    }

    public Path runDir() {
        return runDir != null ? runDir : ProjectDir.defaultRunDir();
    }

    /** The local stack these options name: project defaults, the run dir, and the ports a previous up recorded there. */
    public StackConfig stackConfig() {
        return StackConfig.defaults(projectDir()).withRunDir(runDir()).withRecordedPorts();
    }

    /** Prints a line on stderr when at least this verbosity was asked for. */
    public void log(int level, String message) {
        if (verbosity() >= level) {
            System.err.println(message);
        }
    }
}

package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.StackConfigs;
import dev.evalstream.evalctl.StackOptions;
import dev.evalstream.evalctl.client.RunTables;
import dev.evalstream.evalctl.client.RunView;
import dev.evalstream.evalctl.client.RunWaiter;
import dev.evalstream.evalctl.client.ScorerClient;
import dev.evalstream.evalctl.stack.LocalStack;
import dev.evalstream.evalctl.stack.StackConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, evaluate the bundled problem set through the whole pipeline"
                + " (prompts -> generator (replay) -> samples -> executor -> results -> scorer), show a live table.")
public class DemoCommand implements Callable<Integer> {
    static final String MODEL = "demo-replay";
    static final String KS = "1,5";

    @Mixin
    StackOptions stack;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Longest wait for the run to be scored (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        StackConfig config = StackConfigs.from(stack);
        new LocalStack(config).onProgress(System.err::println).up();
        Path dir = config.runDir().resolve("demo");
        DemoData.Files files = DemoData.extract(dir);
        String runId = submit(config, files);
        System.err.println("submitted run " + runId + " (" + files.problems() + ", replaying " + files.samples() + ")");

        ScorerClient scorer = new ScorerClient(config.scorerUrl());
        LiveTable table = new LiveTable(config.scorerUrl(), System.out, System.console() != null);
        RunView done = new RunWaiter(scorer, Duration.ofMillis(500))
                .await(runId, Duration.ofSeconds(timeoutSeconds), (view, rate) -> table.show(view, rate));
        table.finish(done);
        System.out.println();
        System.out.print(RunTables.passkTable(done));
        System.out.println();
        System.out.println("scorer REST  " + config.scorerUrl() + "/runs/" + runId);
        System.out.println("dashboard    " + config.scorerUrl() + "/");
        System.out.println("stop with    bin/evalctl down");
        return ExitCodes.OK;
    }

    /** Publishes through the submit command itself, so the demo exercises exactly what users run. */
    private String submit(StackConfig config, DemoData.Files files) {
        StringWriter out = new StringWriter();
        CommandLine submit = new CommandLine(new SubmitCommand());
        submit.setOut(new PrintWriter(out, true));
        submit.setExecutionExceptionHandler((e, cmd, parsed) -> {
            throw e; // let the demo's own handler turn it into an exit code
        });
        int rc = submit.execute("--problems", files.problems().toString(),
                "--backend", "replay", "--replay-file", files.samples().toString(),
                "--model", MODEL, "--k", KS,
                "--bootstrap-servers", config.bootstrapServers(),
                "--registry-url", config.registryUrl(),
                "--scorer-url", config.scorerUrl());
        List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).toList();
        if (rc != ExitCodes.OK || lines.isEmpty()) {
            throw new EvalctlException(rc == ExitCodes.OK ? ExitCodes.SOFTWARE : rc, "submitting the demo run failed");
        }
        return lines.get(lines.size() - 1).trim();
    }
}

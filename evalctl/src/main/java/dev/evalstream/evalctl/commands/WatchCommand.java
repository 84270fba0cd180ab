package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.RunWaiter;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Show a run's live pass@k table, redrawn on each change, until the run is complete.")
public class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static final String CLEAR = "\033[H\033[2J";

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id (as printed by submit).")
    String runId;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "500", description = "Poll interval in milliseconds (default ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        // on a terminal the table is redrawn in place; piped, each change is appended
        boolean terminal = System.console() != null;
        new RunWaiter(new ScorerClient(stack.scorerUrl()), Duration.ofMillis(intervalMs))
                .await(runId, Duration.ofSeconds(timeoutSeconds), (view, rate) -> {
                    spec.commandLine().getOut().print((terminal ? CLEAR : System.lineSeparator()) + RunTables.watchTable(view, rate));
                    spec.commandLine().getOut().flush();
                });
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

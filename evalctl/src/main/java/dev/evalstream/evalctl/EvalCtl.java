package dev.evalstream.evalctl;

import dev.evalstream.evalctl.commands.AlertsCommand;
import dev.evalstream.evalctl.commands.BenchCommand;
import dev.evalstream.evalctl.commands.CheckCommand;
import dev.evalstream.evalctl.commands.CheckpointCommand;
import dev.evalstream.evalctl.commands.CompareCommand;
import dev.evalstream.evalctl.commands.DatasetsCommand;
import dev.evalstream.evalctl.commands.DemoCommand;
import dev.evalstream.evalctl.commands.DownCommand;
import dev.evalstream.evalctl.commands.HistoryCommand;
import dev.evalstream.evalctl.commands.ModelsCommand;
import dev.evalstream.evalctl.commands.PasskCommand;
import dev.evalstream.evalctl.commands.PlanCommand;
import dev.evalstream.evalctl.commands.ResultsCommand;
import dev.evalstream.evalctl.commands.StatusCommand;
import dev.evalstream.evalctl.commands.SubmitCommand;
import dev.evalstream.evalctl.commands.UpCommand;
import dev.evalstream.evalctl.commands.WatchCommand;
import dev.evalstream.stack.StackException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The evalctl command line: subcommands only; each one delegates and stays short. */
@Command(name = "evalctl", mixinStandardHelpOptions = true, version = "evalctl 0.1.0",
        description = "Evaluate code models by functional correctness (HumanEval's pass@k) on Kafka.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, SubmitCommand.class,
                WatchCommand.class, PasskCommand.class, ResultsCommand.class, ModelsCommand.class,
                CheckCommand.class, BenchCommand.class, DemoCommand.class, DatasetsCommand.class, PlanCommand.class,
                CheckpointCommand.class, HistoryCommand.class, CompareCommand.class, AlertsCommand.class,
                CommandLine.HelpCommand.class})
public final class EvalCtl {

    public static void main(String[] args) {
        dev.evalstream.schemas.serde.AvroLimits.install(); // before any Avro code runs, or the limits never take
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EvalCtl());
        cli.setExecutionExceptionHandler(EvalCtl::handle);
        return cli;
    }

    /** The one place exceptions become exit codes and a single line on stderr. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = Arrays.stream(parsed.originalArgs().toArray(String[]::new))
                .anyMatch(a -> a.equals("--verbose") || a.matches("-v+"));
        int code;
        String message;
        if (e instanceof EvalctlException ee) {
            code = ee.exitCode();
            message = ee.getMessage();
        } else if (e instanceof StackException se) {
            code = ExitCodes.of(se.kind());
            message = se.getMessage();
        } else if (e instanceof InterruptedException) {
            code = ExitCodes.INTERRUPTED;
            message = "interrupted";
        } else {
            code = ExitCodes.SOFTWARE;
            message = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (verbose ? "" : " (run with -v for the stack trace)");
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message); // "evalctl datasets add: ..."
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        return code;
    }
}

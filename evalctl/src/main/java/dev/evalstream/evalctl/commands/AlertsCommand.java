package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.AlertTables;
import dev.evalstream.events.Alert;
import dev.evalstream.schemas.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Regression alerts (" + Topics.ALERTS + "): checkpoints judged worse than the previous one of their plan,"
                + " in time order.")
public class AlertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--family", paramLabel = "F", description = "Only the alerts of this model family.")
    String family;

    @Option(names = "--json", description = "A JSON array: family, plan, checkpoint, baseline, run_id, baseline_run_id, k, value,"
            + " baseline_value, delta, p_value (one-sided, of a drop), tasks_regressed, at (epoch ms).")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the alerts topic (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        List<Alert> alerts = AlertTables.inTimeOrder(
                CompactedTopics.read(stack, Topics.ALERTS, Alert.class, timeoutSeconds).values(), family);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? AlertTables.alertsJson(alerts) + System.lineSeparator() : AlertTables.alertsTable(alerts));
        out.flush();
        return ExitCodes.OK;
    }
}

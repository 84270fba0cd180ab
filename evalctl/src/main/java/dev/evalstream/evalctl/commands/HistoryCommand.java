package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.HistoryTables;
import dev.evalstream.evalctl.scorer.HistoryView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "A model family's checkpoints in step order, each with its planned runs' pass@k ± standard error.")
public class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "FAMILY", description = "Model family.")
    String family;

    @Option(names = "--json", description = "One JSON object: family, checkpoints: [{checkpoint, step, runs: [{run_id, plan, complete, "
            + "tasks_scored, samples_scored, pass_at_k, standard_error}]}].")
    boolean json;

    @Override
    public Integer call() {
        HistoryView history = new ScorerClient(stack.scorerUrl()).history(family);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? HistoryTables.historyJson(history) + System.lineSeparator() : HistoryTables.historyTable(history));
        out.flush();
        return ExitCodes.OK;
    }
}

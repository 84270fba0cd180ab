package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "passk", mixinStandardHelpOptions = true,
        description = "Print a run's pass@k with the tasks and samples behind it.")
public class PasskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
    String runId;

    @Option(names = "--json", description = "One JSON object: run_id, model, tasks_total, tasks_scored, samples_total, samples_scored, pass_at_k.")
    boolean json;

    @Override
    public Integer call() {
        RunView run = new ScorerClient(stack.scorerUrl()).run(runId);
        spec.commandLine().getOut().print(json ? RunTables.passkJson(run) + System.lineSeparator() : RunTables.passkTable(run));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

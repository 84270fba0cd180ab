package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.CompareTables;
import dev.evalstream.evalctl.scorer.CompareView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run B against run A on the same dataset, task by task: pass@k of both, the difference with its "
                + "confidence interval and the p-value of a paired t-test over tasks, and the tasks that improved and regressed.",
                "Exit 5 if a run is unknown, 8 if the runs cannot be compared (different datasets, no task scored in both)."})
public class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run compared against (the baseline).")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared (differences are B - A).")
    String b;

    @Option(names = "--json", description = "One JSON object: a, b, tasks_compared, pass_at_k ({a, b, delta, ci_low, ci_high, "
            + "p_value, tasks} per k), tasks ([{task_id, a, b, ...}]), tasks_improved, tasks_regressed, a_complete, b_complete.")
    boolean json;

    @Override
    public Integer call() {
        CompareView view = new ScorerClient(stack.scorerUrl()).compare(a, b);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CompareTables.compareJson(view) + System.lineSeparator() : CompareTables.compareTable(view));
        out.flush();
        return ExitCodes.OK;
    }
}

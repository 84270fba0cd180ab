package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.SamplingFlags;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.CatalogPublisher;
import dev.evalstream.evalctl.publishing.EventPublisher;
import dev.evalstream.evalctl.publishing.PlanBook;
import dev.evalstream.evalctl.render.CatalogTables;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, subcommands = {PlanCommand.Add.class, PlanCommand.ListPlans.class},
        description = "Plans (" + Topics.PLANS + "): which run every checkpoint of a family gets. Immutable: a changed plan is a new plan name.")
public class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: add or list");
    }

    static Map<String, Plan> plans(StackOptions stack, long timeoutSeconds) {
        return CompactedTopics.read(stack, Topics.PLANS, Plan.class, timeoutSeconds);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a plan: each checkpoint of FAMILY gets a run of N samples per task on the catalog's dataset NAME.",
                    "An unknown dataset is refused (exit 5); a taken plan name with other content too (exit 8); "
                            + "the same plan again publishes nothing."})
    public static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Parameters(index = "0", paramLabel = "NAME", description = "Plan name (no '|').")
        String name;

        @Option(names = "--family", required = true, paramLabel = "F", description = "The model family whose checkpoints get this plan's run.")
        String family;

        @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "A dataset name of the catalog (evalctl datasets).")
        String dataset;

        @Option(names = "--n", paramLabel = "N", defaultValue = "1", description = "Samples per task (default ${DEFAULT-VALUE}).")
        int n;

        @Mixin
        SamplingFlags samplingFlags = new SamplingFlags();

        @Option(names = "--k", split = ",", paramLabel = "K", description = "k values of pass@k, each at most N (default: those of 1,10,100 at most N).")
        java.util.List<Integer> ks;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the catalog and plans topics (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            Sampling sampling = samplingFlags.sampling().build();
            Plan plan = PlanBook.plan(name, family, dataset, n, sampling, ks, Instant.now());
            PlanBook.Decision decision = PlanBook.decide(plans(stack, timeoutSeconds), DatasetsCommand.read(stack, timeoutSeconds), plan);
            if (decision == PlanBook.Decision.ADD) {
                try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
                    new CatalogPublisher(publisher).addPlan(plan);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("plan " + name + ": family " + family + ", dataset " + dataset + ", n " + n + ", ks " + plan.getKs() + " "
                    + (decision == PlanBook.Decision.ADD ? "added" : "unchanged: the same plan exists"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the plans, by family and name.")
    public static class ListPlans implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Option(names = "--json", description = "A JSON array: name, family, dataset, n, temperature, top_p, max_tokens, ks, created_at (epoch ms).")
        boolean json;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the plans topic (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            Map<String, Plan> plans = plans(stack, timeoutSeconds);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? CatalogTables.plansJson(plans.values()) + System.lineSeparator() : CatalogTables.plansTable(plans.values()));
            out.flush();
            return ExitCodes.OK;
        }
    }
}

package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.BackendFlags;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.CatalogPublisher;
import dev.evalstream.evalctl.publishing.Checkpoints;
import dev.evalstream.evalctl.publishing.EventPublisher;
import dev.evalstream.evalctl.publishing.PlanBook;
import dev.evalstream.evalctl.render.ProgressLine;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.RunWaiter;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.events.Checkpoint;
import dev.evalstream.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Publish a checkpoint of a model family (" + Topics.CHECKPOINTS + ") and print the ids of the runs "
                + "the family's plans start for it, one a line.",
                "A family without plans is not an error (exit 0): the checkpoint is recorded, a note goes to stderr "
                        + "and stdout stays empty."})
public class CheckpointCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "FAMILY", description = "Model family (no '|').")
    String family;

    @Parameters(index = "1", paramLabel = "NAME", description = "Checkpoint name, unique in its family (no '|').")
    String name;

    @Option(names = "--step", paramLabel = "S", description = "Training step: the order of history.")
    Long step;

    @Mixin
    BackendFlags backend = new BackendFlags();

    @Option(names = "--samples", paramLabel = "FILE", description = "With --backend replay: the samples file to replay (same as --replay-file).")
    Path samples;

    @Option(names = "--model", paramLabel = "NAME", description = "The served model's name (backend option model), e.g. for --backend openai.")
    String model;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Free-form label carried to history, repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--wait", description = "Block until every run is scored, with progress on stderr.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", description = "Longest --wait, for all runs together (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the plans topic (default ${DEFAULT-VALUE}).")
    long readTimeoutSeconds;

    @Override
    public Integer call() {
        Map<String, String> options = backend.checkpointOptions(samples, model);
        if (backend.hasApiKey()) {
            stack.log(0, "note: --api-key is carried in the Checkpoint event; prefer EVALSTREAM_GENERATOR_OPENAI_API_KEY on the generator");
        }
        Checkpoint checkpoint = Checkpoints.of(family, name, step, backend.backend(), options, labels, Instant.now());
        List<String> runIds = PlanBook.runIds(PlanCommand.plans(stack, readTimeoutSeconds), family, name);
        try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            new CatalogPublisher(publisher).checkpoint(checkpoint);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runIds.isEmpty()) {
            err.println("note: family " + family + " has no plans: checkpoint " + name + " is recorded, no runs start; "
                    + "add one with: evalctl plan add NAME --family " + family + " --dataset DATASET");
            err.flush();
            return ExitCodes.OK;
        }
        runIds.forEach(out::println);
        out.flush();
        if (await) {
            waitFor(runIds, err);
        }
        return ExitCodes.OK;
    }

    private void waitFor(List<String> runIds, PrintWriter err) {
        RunWaiter waiter = new RunWaiter(new ScorerClient(stack.scorerUrl()), Duration.ofMillis(500));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        List<RunView> done = new ArrayList<>();
        for (String id : runIds) {
            ProgressLine progress = new ProgressLine(err);
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            done.add(waiter.await(id, left, progress::show));
            progress.end();
        }
        done.forEach(view -> err.print(RunTables.passkTable(view)));
        err.flush();
    }
}

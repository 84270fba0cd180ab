package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.catalog.DatasetFiles;
import dev.evalstream.evalctl.catalog.DatasetRef;
import dev.evalstream.evalctl.catalog.KnownDataset;
import dev.evalstream.evalctl.catalog.KnownDatasets;
import dev.evalstream.evalctl.options.InputFiles;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.CatalogPublisher;
import dev.evalstream.evalctl.publishing.Dataset;
import dev.evalstream.evalctl.publishing.ExpectedOutputsStep;
import dev.evalstream.evalctl.publishing.DatasetCatalog;
import dev.evalstream.evalctl.publishing.EventPublisher;
import dev.evalstream.evalctl.render.CatalogTables;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "datasets", mixinStandardHelpOptions = true, subcommands = DatasetsCommand.Add.class,
        description = "List the dataset catalog (" + Topics.DATASETS + "): name, dataset id, problems, added_at.")
public class DatasetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--json", description = "A JSON array: name, dataset, content_hash, problem_count, format, added_at (epoch ms).")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the catalog topic (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        Map<String, DatasetEntry> catalog = read(stack, timeoutSeconds);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CatalogTables.datasetsJson(catalog.values()) + System.lineSeparator() : CatalogTables.datasetsTable(catalog.values()));
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, DatasetEntry> read(StackOptions stack, long timeoutSeconds) {
        return CompactedTopics.read(stack, Topics.DATASETS, DatasetEntry.class, timeoutSeconds);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Publish a problem set (content-addressed, as submit does) and bind NAME to it in the catalog.",
                    "A name is bound to one content: other content under a taken name is refused (exit 8); "
                            + "the same content again publishes nothing."})
    public static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Parameters(index = "0", paramLabel = "FILE|NAME", description = "Problems: a file (human-eval or evalplus JSONL, "
                + ".gz allowed) or a known dataset NAME[@VERSION] (humaneval, humaneval+, mbpp, mbpp+; e.g. mbpp+@pre).")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "The catalog name plans refer to (default for a "
                + "known dataset: its NAME@VERSION, e.g. humaneval+@v0.1.10; required for a file).")
        String name;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest read of the catalog topic (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            Optional<KnownDataset> known = DatasetRef.of(file).map(KnownDatasets::find);
            if (name == null && known.isEmpty()) {
                throw new EvalctlException(ExitCodes.USAGE, "give --name NAME for the file " + file);
            }
            String catalogName = name != null ? name : known.get().ref();
            Path resolved = known.map(d -> DatasetFiles.fromEnvironment(stack.runDir()).resolve(d)).orElse(file);
            Dataset dataset = Dataset.of(resolved, InputFiles.problems(resolved),
                    ExpectedOutputsStep.inRunDir(stack.runDir(), spec.commandLine().getErr())::apply);
            DatasetEntry entry = DatasetCatalog.entry(catalogName, dataset, Instant.now());
            DatasetCatalog.Decision decision = DatasetCatalog.decide(read(stack, timeoutSeconds), entry);
            if (decision == DatasetCatalog.Decision.ADD) {
                try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
                    new CatalogPublisher(publisher).addDataset(dataset, entry);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("dataset " + catalogName + ": " + dataset.name() + " (" + dataset.problems().size() + " problems) "
                    + (decision == DatasetCatalog.Decision.ADD ? "added" : "unchanged: already bound to this content"));
            out.flush();
            return ExitCodes.OK;
        }
    }
}

package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.StatusTable;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import dev.evalstream.stack.StackConfig;
import dev.evalstream.stack.StackStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack (Kafka, schema registry, generator, executor, scorer) and wait until it is ready.")
public class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--only", split = ",", paramLabel = "COMPONENT",
            description = "Start only these components (kafka, registry, generator, executor, scorer); default all.")
    List<String> only;

    @Override
    public Integer call() {
        StackConfig config = stack.stackConfig();
        if (only != null && !only.isEmpty()) {
            EnumSet<Component> chosen = EnumSet.noneOf(Component.class);
            only.forEach(name -> chosen.add(Component.parse(name)));
            config = config.withComponents(chosen);
        }
        long t0 = System.nanoTime();
        StackStatus status = new LocalStack(config).onProgress(System.err::println).up();
        System.err.printf("stack ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        StatusTable.print(System.out, status);
        return ExitCodes.OK;
    }
}

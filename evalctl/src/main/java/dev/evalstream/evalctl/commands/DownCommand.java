package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop every process `up` started from this run dir. The stack's data stays: the next `up`"
                + " has the same topics, records, schemas and runs.",
                "With --purge, discard that data too (Kafka's topics, the registry's schemas, the services' state;"
                + " logs stay), so the next `up` starts empty."})
public class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--purge", description = "Also discard the stack's data.")
    boolean purge;

    @Override
    public Integer call() {
        LocalStack local = new LocalStack(stack.stackConfig());
        List<Component> stopped = purge ? local.purge() : local.down();
        System.err.println((stopped.isEmpty() ? "nothing was running"
                : "stopped " + String.join(", ", stopped.stream().map(Component::id).toList()))
                + (purge ? "; discarded the stack's data in " + stack.runDir() : "; the stack's data is kept in "
                + stack.runDir() + " (bin/evalctl down --purge discards it)"));
        return ExitCodes.OK;
    }
}

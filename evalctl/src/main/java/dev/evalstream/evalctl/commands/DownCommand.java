package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process `up` started from this run dir and discard the stack's data.")
public class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        List<Component> stopped = new LocalStack(stack.stackConfig()).down();
        System.err.println(stopped.isEmpty() ? "nothing was running"
                : "stopped " + String.join(", ", stopped.stream().map(Component::id).toList()));
        return ExitCodes.OK;
    }
}

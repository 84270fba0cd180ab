package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.StackOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, evaluate the bundled problem set through the whole pipeline, show a live table.")
public class DemoCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        throw new dev.evalstream.evalctl.EvalctlException(dev.evalstream.evalctl.ExitCodes.SOFTWARE, "demo: not yet");
    }
}

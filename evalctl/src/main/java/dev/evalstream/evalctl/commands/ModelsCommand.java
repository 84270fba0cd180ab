package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List models and their latest runs.")
public class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("models: not yet");
    }
}

package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "passk", mixinStandardHelpOptions = true, description = "Print a run's pass@k.")
public class PasskCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("passk: not yet");
    }
}

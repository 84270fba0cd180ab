package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Evaluate a samples file locally, without Kafka.")
public class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("check: not yet");
    }
}

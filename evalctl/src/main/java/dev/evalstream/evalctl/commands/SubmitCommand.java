package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "submit", mixinStandardHelpOptions = true, description = "Publish a problem set and a run (samples or prompts) to Kafka.")
public class SubmitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("submit: not yet");
    }
}

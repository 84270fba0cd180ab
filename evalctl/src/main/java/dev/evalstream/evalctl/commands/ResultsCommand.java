package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "results", mixinStandardHelpOptions = true, description = "Print a run's per-sample results.")
public class ResultsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("results: not yet");
    }
}

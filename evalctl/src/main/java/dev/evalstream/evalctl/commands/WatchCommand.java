package dev.evalstream.evalctl.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "watch", mixinStandardHelpOptions = true, description = "Show a run's live table until it completes.")
public class WatchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("watch: not yet");
    }
}

package dev.evalstream.evalctl.render;

import dev.evalstream.evalctl.scorer.RunView;
import java.io.PrintWriter;

/** A run's progress on stderr: redrawn in place on a terminal, a line every 5 s otherwise (logs, CI). */
public final class ProgressLine {
    private static final long EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private long lastPrinted = System.nanoTime() - EVERY_NANOS;

    public ProgressLine(PrintWriter out) {
        this.out = out;
    }

    public void show(RunView view, double samplesPerSecond) {
        String line = RunTables.progress(view, samplesPerSecond);
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if (view.complete() || System.nanoTime() - lastPrinted >= EVERY_NANOS) {
            out.println(line);
            lastPrinted = System.nanoTime();
        }
    }

    public void end() {
        if (terminal) {
            out.println();
        }
    }
}

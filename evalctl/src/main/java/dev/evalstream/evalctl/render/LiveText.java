package dev.evalstream.evalctl.render;

import java.io.PrintStream;

/**
 * A block of text kept up to date: redrawn in place on a terminal, printed again only when it
 * changed otherwise (logs, pipes, tests).
 */
public final class LiveText {
    private final PrintStream out;
    private final boolean redraw;
    private String shown = "";
    private int linesDrawn;

    public LiveText(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    public void show(String text) {
        if (text.equals(shown)) {
            return;
        }
        if (redraw && linesDrawn > 0) {
            out.print("\033[" + linesDrawn + "F\033[J"); // back to the block's first line, clear below
        } else if (!redraw && !shown.isEmpty()) {
            out.println();
        }
        out.print(text);
        out.flush();
        shown = text;
        linesDrawn = (int) text.lines().count();
    }

    /** The final state, drawn like any other. */
    public void finish(String text) {
        show(text);
    }
}

package dev.evalstream.evalctl.render;

import dev.evalstream.stack.ComponentStatus;
import dev.evalstream.stack.StackStatus;
import java.io.PrintStream;

/** Renders a StackStatus as a fixed-width table. */
public final class StatusTable {
    private StatusTable() {
    }

    public static void print(PrintStream out, StackStatus status) {
        out.printf("%-10s %-8s %-8s %8s  %s%n", "COMPONENT", "STATE", "PID", "RSS MiB", "ADDRESS");
        for (ComponentStatus s : status.components()) {
            String state = !s.running() ? "stopped" : s.ready() ? "ready" : "starting";
            out.printf("%-10s %-8s %-8s %8s  %s%n", s.component().id(), state,
                    s.running() ? Long.toString(s.pid()) : "-",
                    s.rssKiB() > 0 ? Long.toString(s.rssKiB() / 1024) : "-", s.url());
        }
    }
}

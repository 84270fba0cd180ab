package dev.evalstream.stack;

/**
 * One component as status() found it.
 *
 * @param pid     the process this run dir started, or -1 when none is running
 * @param ready   whether its readiness check answered positively just now
 * @param rssKiB  resident memory of the process in KiB (from /proc), -1 when unknown
 */
public record ComponentStatus(Component component, long pid, boolean ready, int port, long rssKiB, String url) {
    public boolean running() {
        return pid > 0;
    }
}

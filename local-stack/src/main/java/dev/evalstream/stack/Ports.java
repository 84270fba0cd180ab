package dev.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The TCP ports of one local stack. */
public record Ports(int kafka, int controller, int registry, int registryManagement,
                    int generator, int scorer, int executor) {

    /** The project's default ports (DESIGN.md / team conventions). */
    public static Ports defaults() {
        return new Ports(19092, 19093, 18080, 18090, 18081, 18082, 18083);
    }

    /** The defaults moved by a fixed offset, so several stacks can share a machine. */
    public Ports shifted(int offset) {
        return new Ports(kafka + offset, controller + offset, registry + offset, registryManagement + offset,
                generator + offset, scorer + offset, executor + offset);
    }

    /** Ports the kernel reports free right now (tests; a race with other processes is possible but rare). */
    public static Ports free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] p = new int[7];
            for (int i = 0; i < p.length; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s); // hold all until the end so no two are the same
                p[i] = s.getLocalPort();
            }
            return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own cannot meaningfully fail
                }
            }
        }
    }

    /** The HTTP port of a service or the registry; the broker port for Kafka. */
    public int of(Component c) {
        return switch (c) {
            case KAFKA -> kafka;
            case REGISTRY -> registry;
            case GENERATOR -> generator;
            case EXECUTOR -> executor;
            case SCORER -> scorer;
        };
    }
}

package dev.evalstream.executor.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** This executor's name in results: configured, or hostname-pid so instances on one host differ. */
public final class InstanceId {
    private InstanceId() {
    }

    public static String of(Optional<String> configured) {
        return configured.filter(s -> !s.isBlank()).orElseGet(() -> host() + "-" + ProcessHandle.current().pid());
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "executor";
        }
    }
}

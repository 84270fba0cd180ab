package dev.evalstream.harness.sandbox;

import java.util.List;

/** The host cannot isolate samples; the message lists what is missing and how to get it. */
public class SandboxUnavailableException extends RuntimeException {
    private final List<String> missing;

    public SandboxUnavailableException(List<String> missing) {
        super("cannot sandbox samples on this host (run bin/setup, or set the insecure option knowingly): "
                + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}

package dev.evalstream.executor;

import dev.evalstream.schemas.serde.RegistryClient;

/**
 * Tells a registry that cannot be reached (or fails on its side) from bytes that name a
 * schema the registry does not have. Only the second is the record's fault. RegistryException
 * carries no status code, so this reads the message RegistryClient writes.
 */
public final class RegistryOutage {
    private RegistryOutage() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryClient.RegistryException) {
                String m = String.valueOf(t.getMessage());
                return m.contains(" unreachable") || m.contains(" answered 5") || m.contains("interrupted");
            }
        }
        return false;
    }
}

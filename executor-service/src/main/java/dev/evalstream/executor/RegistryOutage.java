package dev.evalstream.executor;

import dev.evalstream.schemas.serde.RegistryClient;

/**
 * Tells a registry that cannot be reached (or fails on its side) from bytes that name a
 * schema the registry does not have. Only the second is the record's fault: the first must
 * leave the record to be read again, never dead-letter it.
 */
public final class RegistryOutage {
    private RegistryOutage() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryClient.RegistryException e) {
                return !e.isClientError();
            }
        }
        return false;
    }
}

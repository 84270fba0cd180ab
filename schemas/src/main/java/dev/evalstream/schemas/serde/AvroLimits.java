package dev.evalstream.schemas.serde;

/**
 * Avro's own limits on declared lengths. Avro allocates what a record declares before reading it:
 * a 10-byte record that declares a 2 GiB string or a billion-item array ends in OutOfMemoryError,
 * an Error every catch lets pass, which kills a stream thread or a channel. Avro reads its limits
 * once, when its SystemLimitException class loads, so they must be set before any Avro code runs:
 * AvroCodec installs them before it decodes anything, and a program that uses Avro in other ways
 * first (evalctl builds records) calls {@link #install} at its start. Kafka's records are 1 MiB by
 * default; set the properties to change the limits.
 */
public final class AvroLimits {
    static final int MAX_FIELD_BYTES = 16 << 20;
    static final int MAX_ITEMS = 1 << 20;

    static {
        limit("org.apache.avro.limits.string.maxLength", MAX_FIELD_BYTES);
        limit("org.apache.avro.limits.bytes.maxLength", MAX_FIELD_BYTES);
        limit("org.apache.avro.limits.collectionItems.maxLength", MAX_ITEMS);
        try {
            org.apache.avro.SystemLimitException.checkMaxStringLength(MAX_FIELD_BYTES + 1L);
            System.getLogger(AvroLimits.class.getName()).log(System.Logger.Level.WARNING, "Avro's string limit is above "
                    + MAX_FIELD_BYTES + " bytes (set by a property, or fixed when Avro ran before the limits were installed): "
                    + "a record that declares a huge field can exhaust the heap");
        } catch (org.apache.avro.SystemLimitException expected) {
            // the limits hold
        }
    }

    private AvroLimits() {
    }

    /** Sets the limits (once; properties already set are kept) and warns when they did not take. */
    public static void install() {
        // the work is in the static initializer, which the JVM runs once
    }

    private static void limit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }
}

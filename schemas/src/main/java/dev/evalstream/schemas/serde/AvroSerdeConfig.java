package dev.evalstream.schemas.serde;

import java.util.Map;

/** Configuration keys of the serdes, named as Confluent's serdes name them. */
public final class AvroSerdeConfig {
    /** Base URL of a Confluent-compatible registry API, e.g. http://localhost:18080/apis/ccompat/v7 */
    public static final String REGISTRY_URL = "schema.registry.url";
    /** Fully qualified class name of the specific record a deserializer produces. */
    public static final String VALUE_TYPE = "evalstream.avro.value.type";

    private AvroSerdeConfig() {
    }

    static String registryUrl(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("serde needs '" + REGISTRY_URL + "' (the schema registry's Confluent API URL)");
        }
        return url.toString();
    }
}

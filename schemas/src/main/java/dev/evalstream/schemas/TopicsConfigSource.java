package dev.evalstream.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every service the Topics names as configuration defaults, so no properties file spells
 * a topic: {@code evalstream.topics.samples} is {@value Topics#SAMPLES} unless overridden, and a
 * channel names its topic as {@code mp.messaging.incoming.samples.topic=${evalstream.topics.samples}}.
 * Registered through META-INF/services; its ordinal is below every source a user writes
 * (application.properties 250, environment 300, system properties 400), so e.g.
 * {@code EVALSTREAM_TOPICS_SAMPLES} still overrides it.
 */
public final class TopicsConfigSource implements ConfigSource {
    public static final String PREFIX = "evalstream.topics.";
    public static final int ORDINAL = 50;

    private static final Map<String, String> DEFAULTS = defaults();

    /** The property that configures a topic: its name without the "evalstream." namespace, under PREFIX. */
    public static String property(String topic) {
        return PREFIX + topic.substring(topic.indexOf('.') + 1);
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            m.put(property(topic), topic);
        }
        return Map.copyOf(m);
    }

    @Override
    public Set<String> getPropertyNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return DEFAULTS;
    }

    @Override
    public String getValue(String propertyName) {
        return DEFAULTS.get(propertyName);
    }

    @Override
    public String getName() {
        return "evalstream Topics defaults";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

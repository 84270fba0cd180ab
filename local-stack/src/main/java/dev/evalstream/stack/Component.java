package dev.evalstream.stack;

import java.util.EnumSet;
import java.util.Set;

/** The processes a local stack can consist of, in start order. */
public enum Component {
    KAFKA("kafka", null),
    REGISTRY("registry", null),
    GENERATOR("generator", "generator-service"),
    EXECUTOR("executor", "executor-service"),
    SCORER("scorer", "scoring-service");

    /** Infrastructure the services need; started before any service, Kafka first: the registry keeps its schemas in it. */
    public static final Set<Component> INFRASTRUCTURE = EnumSet.of(KAFKA, REGISTRY);
    public static final Set<Component> SERVICES = EnumSet.of(GENERATOR, EXECUTOR, SCORER);

    private final String id;
    private final String module;

    Component(String id, String module) {
        this.id = id;
        this.module = module;
    }

    /** Short lower-case name used for pid and log files and on the command line. */
    public String id() {
        return id;
    }

    /** The Maven module of a Quarkus service, or null for infrastructure. */
    public String module() {
        return module;
    }

    public boolean isService() {
        return module != null;
    }

    public static Component parse(String name) {
        for (Component c : values()) {
            if (c.id.equalsIgnoreCase(name.trim()) || c.name().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component '" + name + "' (kafka, registry, generator, executor, scorer)");
    }
}

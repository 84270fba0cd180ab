package dev.evalstream.stack;

import java.util.List;
import java.util.Optional;

/** The state of every component of a local stack at one moment. */
public record StackStatus(List<ComponentStatus> components) {
    public Optional<ComponentStatus> of(Component c) {
        return components.stream().filter(s -> s.component() == c).findFirst();
    }

    /** True when every listed component is running and ready. */
    public boolean allReady(java.util.Collection<Component> wanted) {
        return wanted.stream().allMatch(c -> of(c).map(s -> s.running() && s.ready()).orElse(false));
    }

    public boolean anyRunning() {
        return components.stream().anyMatch(ComponentStatus::running);
    }
}

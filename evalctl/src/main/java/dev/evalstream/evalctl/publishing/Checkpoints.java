package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.events.Checkpoint;
import dev.evalstream.schemas.EventChecks;
import java.time.Instant;
import java.util.Map;

/** A Checkpoint event as a training job publishes it, checked as every service checks it. */
public final class Checkpoints {
    private Checkpoints() {
    }

    public static Checkpoint of(String family, String name, Long step, String backend, Map<String, String> backendOptions,
                                Map<String, String> labels, Instant now) {
        Checkpoint c = Checkpoint.newBuilder().setFamily(family).setCheckpoint(name).setStep(step).setBackend(backend)
                .setBackendOptions(Map.copyOf(backendOptions)).setLabels(Map.copyOf(labels)).setPublishedAt(now).build();
        EventChecks.checkpoint(c).ifPresent(reason -> {
            throw new EvalctlException(ExitCodes.USAGE, "checkpoint " + family + "/" + name + ": " + reason);
        });
        return c;
    }
}

package dev.evalstream.scoring.planning;

import dev.evalstream.events.Plan;
import dev.evalstream.events.Sampling;
import java.util.List;

/** A plan as the planner keeps it in its stores (JSON), with the sampling parameters spelled out. */
public record PlanSpec(String name, String family, String dataset, int n, double temperature, double topP,
                       int maxTokens, List<String> stop, Long seed, List<Integer> ks, long createdAtMillis) {

    public static PlanSpec of(Plan p) {
        Sampling s = p.getSampling();
        return new PlanSpec(p.getName(), p.getFamily(), p.getDataset(), p.getN(), s.getTemperature(), s.getTopP(),
                s.getMaxTokens(), List.copyOf(s.getStop()), s.getSeed(), List.copyOf(p.getKs()),
                p.getCreatedAt() == null ? 0L : p.getCreatedAt().toEpochMilli());
    }

    public Sampling sampling() {
        return Sampling.newBuilder().setTemperature(temperature).setTopP(topP).setMaxTokens(maxTokens)
                .setStop(stop).setSeed(seed).build();
    }

    /** Whether the other is this plan republished: all but the time it was made. */
    public boolean sameAs(PlanSpec o) {
        return withCreatedAt(0).equals(o.withCreatedAt(0));
    }

    private PlanSpec withCreatedAt(long at) {
        return new PlanSpec(name, family, dataset, n, temperature, topP, maxTokens, stop, seed, ks, at);
    }
}

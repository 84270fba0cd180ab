package dev.evalstream.scoring.planning;

import java.util.Map;
import java.util.TreeMap;

/** The plans of one family, by plan name (the value of the table checkpoints are joined with). */
public record FamilyPlans(Map<String, PlanSpec> plans) {
    public FamilyPlans {
        plans = plans == null ? new TreeMap<>() : new TreeMap<>(plans);
    }

    public static FamilyPlans empty() {
        return new FamilyPlans(null);
    }

    public FamilyPlans with(PlanSpec p) {
        FamilyPlans out = new FamilyPlans(plans);
        out.plans.put(p.name(), p);
        return out;
    }

    public FamilyPlans without(PlanSpec p) {
        FamilyPlans out = new FamilyPlans(plans);
        out.plans.remove(p.name());
        return out;
    }
}

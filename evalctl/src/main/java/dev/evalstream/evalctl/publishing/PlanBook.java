package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.PlannedRuns;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules of plans ({@link dev.evalstream.schemas.Topics#PLANS}, keyed by plan name), without Kafka. A plan names a
 * dataset of the catalog; it is immutable, so a taken name with other content is a conflict
 * ("a changed plan is a new plan name") and the same content again changes nothing.
 */
public final class PlanBook {
    /** pass@k's default ks, of which a plan keeps those its n can report (k <= n). */
    public static final List<Integer> DEFAULT_KS = List.of(1, 10, 100);

    /** What plan add does with a plan. */
    public enum Decision { ADD, UNCHANGED }

    private PlanBook() {
    }

    /**
     * A plan from plan add's flags; ks null means the default ks up to n. A k above n is refused:
     * pass@k is reported only for k <= n, and a plan cannot be edited later.
     */
    public static Plan plan(String name, String family, String dataset, int n, Sampling sampling, List<Integer> ks, Instant now) {
        List<Integer> chosen = ks != null ? ks.stream().distinct().sorted().toList()
                : DEFAULT_KS.stream().filter(k -> k <= n).toList();
        if (chosen.isEmpty() || chosen.get(0) < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--k values must be at least 1");
        }
        if (chosen.get(chosen.size() - 1) > n) {
            throw new EvalctlException(ExitCodes.USAGE, "--k " + chosen.get(chosen.size() - 1) + " is over --n " + n
                    + ": pass@k is reported only for k <= n");
        }
        Plan plan = Plan.newBuilder().setName(name).setFamily(family).setDataset(dataset).setN(n)
                .setSampling(sampling).setKs(chosen).setCreatedAt(now).build();
        EventChecks.plan(plan).ifPresent(reason -> {
            throw new EvalctlException(ExitCodes.USAGE, "plan " + name + ": " + reason);
        });
        return plan;
    }

    /** ADD or UNCHANGED; an unknown dataset is not found, a taken name with other content a conflict. */
    public static Decision decide(Map<String, Plan> plans, Map<String, DatasetEntry> catalog, Plan wanted) {
        if (!catalog.containsKey(wanted.getDataset())) {
            throw EvalctlException.notFound("dataset \"" + wanted.getDataset() + "\" is not in the catalog"
                    + (catalog.isEmpty() ? " (it is empty)" : " (it has " + String.join(", ", catalog.keySet()) + ")")
                    + "; add it with: evalctl datasets add FILE --name " + wanted.getDataset());
        }
        Plan taken = plans.get(wanted.getName());
        if (taken == null) {
            return Decision.ADD;
        }
        if (content(taken).equals(content(wanted))) {
            return Decision.UNCHANGED;
        }
        throw new EvalctlException(ExitCodes.CONFLICT, "plan \"" + wanted.getName() + "\" exists with other content ("
                + describe(taken) + "; asked: " + describe(wanted) + "). Plans are immutable: a changed plan is a new plan name");
    }

    /** The ids of the runs a checkpoint of this family gets, one per plan of the family, by plan name. */
    public static List<String> runIds(Map<String, Plan> plans, String family, String checkpoint) {
        return ofFamily(plans, family).stream().map(p -> PlannedRuns.runId(family, checkpoint, p.getName())).toList();
    }

    /** The plans of a family, by name. */
    public static List<Plan> ofFamily(Map<String, Plan> plans, String family) {
        return plans.values().stream().filter(p -> p.getFamily().equals(family))
                .sorted(Comparator.comparing(Plan::getName)).toList();
    }

    /** Everything but the creation time. */
    private static Plan content(Plan p) {
        return Plan.newBuilder(p).setCreatedAt(Instant.EPOCH).build();
    }

    static String describe(Plan p) {
        Sampling s = p.getSampling();
        return "family " + p.getFamily() + ", dataset " + p.getDataset() + ", n " + p.getN() + ", temperature "
                + s.getTemperature() + ", top_p " + s.getTopP() + ", max_tokens " + s.getMaxTokens() + ", ks " + p.getKs();
    }
}

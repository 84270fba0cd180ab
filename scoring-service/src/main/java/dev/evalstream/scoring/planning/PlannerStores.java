package dev.evalstream.scoring.planning;

/** Names of the planner's state stores. */
public final class PlannerStores {
    /** plan name -> PlanSpec: the first content published under each name (plans are immutable) */
    public static final String PLAN_NAMES = "planner-plan-names";
    /** plan name -> PlanSpec: the live plans (a tombstone removes one) */
    public static final String PLANS = "planner-plans";
    /** family -> FamilyPlans: the table each checkpoint is joined with */
    public static final String FAMILY_PLANS = "planner-family-plans";
    /** family|checkpoint -> CheckpointInfo (first arrival kept), in the family's partition: what history lists */
    public static final String CHECKPOINTS = "planner-checkpoints";
    /** run id -> Started: runs already started, written in the same transaction as their events */
    public static final String STARTED = "planner-started";
    /** run id -> Pending: planned runs waiting for their dataset */
    public static final String PENDING = "planner-pending";
    /** dataset name -> CatalogEntry (a global store over the catalog topic) */
    public static final String CATALOG = "planner-catalog";
    /** dataset|task -> PromptFields (a global store over the problems topic: prompt fields only) */
    public static final String PROMPTS = "planner-problem-prompts";

    private PlannerStores() {
    }
}

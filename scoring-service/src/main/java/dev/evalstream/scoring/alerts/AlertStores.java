package dev.evalstream.scoring.alerts;

/** Names of the alerts' state stores; queries and tests import them from here. */
public final class AlertStores {
    /** run id -> Handed: how far a planned run has been handed to the judge (started, complete), in the run's partition */
    public static final String HANDED = "alerts-handed";
    /** family|plan|checkpoint -> PlanCheckpoint: the judge's checkpoints of each plan, in the family|plan partition */
    public static final String CHECKPOINTS = "alerts-checkpoints";
    /** family|plan|checkpoint -> AlertView: every alert, a global store over the alerts topic (any instance answers) */
    public static final String ALERTS = "alerts-published";

    private AlertStores() {
    }
}

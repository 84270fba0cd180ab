package dev.evalstream.schemas;

import java.util.List;

/**
 * The one place topic names live. Services take these as defaults and let configuration
 * override them; no other class spells a topic name.
 */
public final class Topics {
    public static final String PROBLEMS = "evalstream.problems";
    public static final String RUNS = "evalstream.runs";
    public static final String PROMPTS = "evalstream.prompts";
    public static final String SAMPLES = "evalstream.samples";
    public static final String RESULTS = "evalstream.results";
    public static final String SCORES = "evalstream.scores";
    public static final String DEAD_LETTERS = "evalstream.dead-letters";
    /** The dataset catalog: name -> DatasetEntry; a name is bound to one content. */
    public static final String DATASETS = "evalstream.datasets";
    /** What training jobs publish, keyed by family. */
    public static final String CHECKPOINTS = "evalstream.checkpoints";
    /** Which runs a family's checkpoints get, keyed by plan name. */
    public static final String PLANS = "evalstream.plans";
    /** Regression alerts, keyed family|plan|checkpoint: each published once, kept for good (compacted, never expired). */
    public static final String ALERTS = "evalstream.alerts";

    /** Topics that hold the latest value per key and are therefore compacted. */
    public static final List<String> COMPACTED = List.of(PROBLEMS, RUNS, DATASETS, PLANS, ALERTS);

    public static final List<String> ALL =
            List.of(PROBLEMS, RUNS, PROMPTS, SAMPLES, RESULTS, SCORES, DEAD_LETTERS, DATASETS, CHECKPOINTS, PLANS, ALERTS);

    private Topics() {
    }
}

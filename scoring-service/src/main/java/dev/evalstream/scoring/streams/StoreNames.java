package dev.evalstream.scoring.streams;

/** Names of the scorer's state stores; queries and tests import them from here. */
public final class StoreNames {
    /** sample identity (run|task|index) -> SampleState: the dedupe memory and samples listing of unfinished tasks */
    public static final String SAMPLES = "scorer-samples";
    /** run|task -> TaskProgress: identities counted, and whether the task is final (its SAMPLES entries released) */
    public static final String TASK_PROGRESS = "scorer-task-progress";
    /** run|task -> TaskSamples: a final task's verdicts in one compact entry, for the samples listing */
    public static final String TASK_SAMPLES = "scorer-task-samples";
    /** run|task -> TaskTally, a (cached) table feeding the regrouping by run */
    public static final String TASKS = "scorer-tasks";
    /** run|task -> TaskMember, the run's word that the task is its own and how many samples it has */
    public static final String MEMBERS = "scorer-members";
    /** run|task|source -> TaskInput: results and losses whose task no run has claimed yet */
    public static final String PENDING = "scorer-pending";
    /** run id -> RunInfo, from the compacted runs topic */
    public static final String RUNS = "scorer-runs";
    /** run|task -> TaskTally, the last tally of each task seen by the per-run step (in the run's partition) */
    public static final String RUN_TASKS = "scorer-run-tasks";
    /** run id -> RunScore, the per-run step's own copy of each run's score, updated by difference */
    public static final String RUN_STATE = "scorer-run-state";
    /** run id -> RunScore, a run with the sums over its task tallies (a cached table): what GET /runs answers from */
    public static final String RUN_SCORES = "scorer-run-scores";

    private StoreNames() {
    }
}

package dev.evalstream.scoring.model;

/** A run and its tally: the value of the per-run table. The tally is empty until a result arrives. */
public record RunScore(RunInfo run, RunTally tally) {
    public RunScore {
        tally = tally == null ? RunTally.empty(run == null ? java.util.List.of() : run.ks()) : tally;
    }
}

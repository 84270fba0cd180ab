package dev.evalstream.scoring.model;

/** A run and its tallies: the value of the per-run table. Tally is empty until a result arrives. */
public record RunScore(RunInfo run, RunTally tally) {
    public RunScore {
        tally = tally == null ? RunTally.empty() : tally;
    }
}

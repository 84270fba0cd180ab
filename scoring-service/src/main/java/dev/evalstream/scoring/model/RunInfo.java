package dev.evalstream.scoring.model;

import java.util.List;

/**
 * The parts of a Run event the tables need, held in the scorer's own stores (not the Avro record).
 * A run a plan started also carries its family, checkpoint, training step and plan (null for a
 * submitted run), so history can group a family's runs by checkpoint.
 */
public record RunInfo(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                      double temperature, int tasksTotal, long samplesTotal, long createdAtMillis,
                      String family, String checkpoint, Long step, String plan) {

    /** A submitted run: no family, checkpoint or plan. */
    public RunInfo(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                   double temperature, int tasksTotal, long samplesTotal, long createdAtMillis) {
        this(runId, model, dataset, backend, n, ks, temperature, tasksTotal, samplesTotal, createdAtMillis,
                null, null, null, null);
    }
}

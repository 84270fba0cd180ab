package dev.evalstream.scoring.model;

import java.util.List;

/** The parts of a Run event the tables need, held in the scorer's own stores (not the Avro record). */
public record RunInfo(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                      double temperature, int tasksTotal, long samplesTotal, long createdAtMillis) {
}

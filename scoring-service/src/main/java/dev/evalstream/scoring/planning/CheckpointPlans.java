package dev.evalstream.scoring.planning;

/** A checkpoint joined with the plans its family had when it arrived (null: none). */
public record CheckpointPlans(Arrival arrival, FamilyPlans plans) {
}

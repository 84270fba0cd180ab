package dev.evalstream.scoring.planning;

import dev.evalstream.scoring.streams.Source;

/** A checkpoint on its way to the join (JSON through the repartition by family), with where it came from. */
public record Arrival(CheckpointInfo checkpoint, Source source) {
}

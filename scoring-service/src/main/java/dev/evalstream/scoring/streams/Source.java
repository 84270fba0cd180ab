package dev.evalstream.scoring.streams;

/** Where an input record came from, and its bytes, for the dead letter it may yet become. */
public record Source(String topic, int partition, long offset, String key, byte[] value) {
}

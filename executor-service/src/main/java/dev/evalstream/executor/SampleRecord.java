package dev.evalstream.executor;

/**
 * One record of the samples topic as it arrived, before decoding: the processor never sees
 * a transport type, so it can be tested without Kafka.
 */
public record SampleRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}

package dev.evalstream.generator.sampling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The seed of each sample: the run's seed (or, when the run has none, one derived from its id)
 * plus the sample index. A chunk redone after a crash therefore draws the same samples, and
 * two chunks of one run never share a seed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The run's base seed: its own, else the first 8 bytes of SHA-256 over the run id. */
    public static long base(Long runSeed, String runId) {
        if (runSeed != null) {
            return runSeed;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A non-negative 31-bit seed for a sample (llama.cpp takes a 32-bit seed and reads
     * 0xFFFFFFFF as "random", which a non-negative int can never be).
     */
    public static int forSample(long base, int sampleIndex) {
        return (int) ((base + sampleIndex) & 0x7fffffffL);
    }
}

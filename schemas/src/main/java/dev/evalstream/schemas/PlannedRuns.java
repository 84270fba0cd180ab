package dev.evalstream.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ids of planned runs, derived from (family, checkpoint, plan) alone, so a checkpoint
 * delivered twice starts nothing twice and any client (evalctl checkpoint) knows which runs a
 * checkpoint starts before they exist. Readable slugs, then 12 hex of a SHA-256 over the three
 * names, so two triples whose slugs agree still get different ids.
 */
public final class PlannedRuns {
    private PlannedRuns() {
    }

    public static String runId(String family, String checkpoint, String plan) {
        String digest = sha256(family + "\n" + checkpoint + "\n" + plan).substring(0, 12);
        return slug(family) + "-" + slug(checkpoint) + "-" + slug(plan) + "-" + digest;
    }

    /** Lower case letters, digits, '.', '_' and '-', at most 40 characters: never the key separator. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        s = s.isEmpty() ? "x" : s;
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

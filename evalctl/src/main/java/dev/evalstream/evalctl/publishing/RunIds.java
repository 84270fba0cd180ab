package dev.evalstream.evalctl.publishing;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Run ids that read well in tables and never collide: the model's slug, the UTC time and a
 * random suffix, e.g. {@code codellama-7b-20250101-120000-3f9a1c}. Only [a-z0-9.-], so never
 * the key separator '|'.
 */
public final class RunIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_SLUG = 40;

    private RunIds() {
    }

    public static String generate(String model, Instant now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return slug(model) + "-" + TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** Lower case, runs of anything outside [a-z0-9.] folded into one '-', at most 40 characters. */
    static String slug(String model) {
        String s = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "run" : s;
    }
}

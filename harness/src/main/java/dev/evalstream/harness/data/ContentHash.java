package dev.evalstream.harness.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content hashes that identify what a problem asks, so a problem set republished unchanged
 * gets the same dataset name and a changed one a new name.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /**
     * sha-256 (hex) of the problem's prompt, entry point and test, each preceded by its UTF-8
     * length so no two different problems frame to the same bytes; for evalplus problems also
     * their inputs and atol (what they are judged on), never the computed outputs or times.
     */
    public static String of(Problem p) {
        MessageDigest sha = sha256();
        String[] parts = p.isEvalPlus()
                ? new String[] {p.prompt(), p.entryPoint(), p.test(), p.plusTests().dialect(), String.valueOf(p.plusTests().atol()),
                                PythonJson.dumps(p.plusTests().baseInput()), PythonJson.dumps(p.plusTests().plusInput())}
                : new String[] {p.prompt(), p.entryPoint(), p.test()};
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** sha-256 (hex) of a text's UTF-8 bytes. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** sha-256 (hex) of a sequence of hashes in the order given, one per line. */
    public static String ofAll(Iterable<String> hashes) {
        MessageDigest sha = sha256();
        for (String h : hashes) {
            sha.update((h + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

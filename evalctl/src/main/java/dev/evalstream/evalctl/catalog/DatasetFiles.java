package dev.evalstream.evalctl.catalog;

import dev.evalstream.evalctl.EvalctlException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a known dataset into a local file: the cached copy when its SHA-256 is the table's,
 * else a copy fetched from the mirror directory (when one is configured) or the publisher's
 * URL, checked before it enters the cache. A file with another checksum is never used.
 */
public final class DatasetFiles {
    /** Where tests and offline machines keep the public files, laid out as the table's mirror paths. */
    public static final String MIRROR_ENV = "EVALSTREAM_DATASET_MIRROR";

    private final Path cacheDir;
    private final Path mirror;
    private final Download download;

    /** @param mirror the mirror directory, or null to fetch from the publishers' URLs */
    public DatasetFiles(Path cacheDir, Path mirror, Download download) {
        this.cacheDir = cacheDir;
        this.mirror = mirror;
        this.download = download;
    }

    /** The cache under the run directory; the mirror from EVALSTREAM_DATASET_MIRROR when set. */
    public static DatasetFiles fromEnvironment(Path runDir) {
        String m = System.getenv(MIRROR_ENV);
        return new DatasetFiles(runDir.resolve("datasets"), m == null || m.isBlank() ? null : Path.of(m), new Download());
    }

    public Path resolve(DatasetRef ref) {
        return resolve(KnownDatasets.find(ref));
    }

    public Path resolve(KnownDataset d) {
        Path cached = cacheDir.resolve(d.ref()).resolve(d.fileName());
        try {
            if (Files.isRegularFile(cached)) {
                requireChecksum(d, cached, "cached file " + cached + " (delete it to fetch it again)");
                return cached;
            }
            Files.createDirectories(cached.getParent());
            Path partial = Files.createTempFile(cached.getParent(), d.fileName(), ".part");
            try {
                String source = fetch(d, partial);
                requireChecksum(d, partial, source);
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return cached;
        } catch (IOException e) {
            throw EvalctlException.data("cannot cache dataset " + d.ref() + " in " + cacheDir + ": " + e.getMessage());
        }
    }

    /** Copies the mirror's file or downloads the URL into target; returns where it came from, for messages. */
    private String fetch(KnownDataset d, Path target) throws IOException {
        if (mirror != null) {
            Path source = mirror.resolve(d.mirrorPath());
            if (!Files.isRegularFile(source)) {
                throw EvalctlException.notFound("dataset " + d.ref() + ": the mirror " + mirror + " (" + MIRROR_ENV
                        + ") has no " + d.mirrorPath());
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return "mirror file " + source;
        }
        if (!d.downloadable()) {
            throw EvalctlException.notFound("dataset " + d.ref() + " has no public download URL; set " + MIRROR_ENV
                    + " to a folder holding " + d.mirrorPath());
        }
        download.to(d.url(), target);
        return "download " + d.url();
    }

    private static void requireChecksum(KnownDataset d, Path file, String what) throws IOException {
        String actual = sha256(file);
        if (!actual.equals(d.sha256())) {
            throw EvalctlException.data("dataset " + d.ref() + ": " + what + " has SHA-256 " + actual
                    + ", the project's table expects " + d.sha256());
        }
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

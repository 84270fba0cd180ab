package dev.evalstream.evalctl.catalog;

/**
 * One version of a public problem set: where its publisher serves it (empty when it has no
 * public URL), where it sits inside a mirror directory, and the SHA-256 its bytes must have.
 */
public record KnownDataset(String name, String version, String url, String mirrorPath, String sha256) {

    /** "humaneval+@v0.1.10": the exact reference, also the default catalog name it is added under. */
    public String ref() {
        return name + "@" + version;
    }

    public String fileName() {
        return mirrorPath.substring(mirrorPath.lastIndexOf('/') + 1);
    }

    public boolean downloadable() {
        return !url.isEmpty();
    }
}

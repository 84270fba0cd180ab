package dev.evalstream.evalctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names resolve to files whose SHA-256 is the table's, through the shared mirror; anything else is refused. */
class DatasetFilesTest {
    static final Path MIRROR = Path.of(System.getenv(DatasetFiles.MIRROR_ENV));

    @TempDir
    Path cache;

    @TempDir
    Path fakeMirror;

    private final Download noNetwork = new Download() {
        @Override
        public void to(String url, Path target) {
            throw new AssertionError("no download expected, asked for " + url);
        }
    };

    @Test
    void everyTableEntryWithAFileInTheMirrorResolvesAndVerifies() throws IOException {
        DatasetFiles files = new DatasetFiles(cache, MIRROR, noNetwork);
        int resolved = 0;
        for (KnownDataset d : KnownDatasets.TABLE) {
            if (Files.isRegularFile(MIRROR.resolve(d.mirrorPath()))) {
                Path file = files.resolve(d);
                assertEquals(cache.resolve(d.ref()).resolve(d.fileName()), file);
                assertEquals(d.sha256(), DatasetFiles.sha256(file));
                resolved++;
            }
        }
        assertEquals(4, resolved, "humaneval, humaneval+, mbpp and mbpp+@pre are in the shared folder");
    }

    @Test
    void aBareNameMeansItsDefaultVersionAndTheCacheServesItWithoutTheMirror() throws IOException {
        Path first = new DatasetFiles(cache, MIRROR, noNetwork).resolve(ref("humaneval+"));
        assertEquals(cache.resolve("humaneval+@v0.1.10/HumanEvalPlus.jsonl.gz"), first);
        Path again = new DatasetFiles(cache, fakeMirror, noNetwork).resolve(ref("humaneval+@v0.1.10"));
        assertEquals(first, again);
    }

    @Test
    void aMirrorFileWithAnotherChecksumIsRefusedAndNotCached() throws IOException {
        Files.createDirectories(fakeMirror.resolve("mbpp"));
        Files.writeString(fakeMirror.resolve("mbpp/mbpp_sanitized.jsonl"), "{\"task_id\": \"x\"}\n");
        EvalctlException e = assertThrows(EvalctlException.class,
                () -> new DatasetFiles(cache, fakeMirror, noNetwork).resolve(ref("mbpp")));
        assertEquals(ExitCodes.DATA, e.exitCode());
        assertTrue(e.getMessage().contains("dataset mbpp@sanitized: mirror file " + fakeMirror.resolve("mbpp/mbpp_sanitized.jsonl")
                + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("expects c48e256d2cdd091ed2dcad85a0b6fbc7672884032cf0cf28284d66b7b4eb1552"), e.getMessage());
        try (Stream<Path> left = Files.walk(cache)) {
            assertEquals(0, left.filter(Files::isRegularFile).count(), "nothing enters the cache unverified");
        }
    }

    @Test
    void aTamperedCachedFileIsRefused() throws IOException {
        Path file = new DatasetFiles(cache, MIRROR, noNetwork).resolve(ref("mbpp+@pre"));
        Files.writeString(file, "changed");
        EvalctlException e = assertThrows(EvalctlException.class,
                () -> new DatasetFiles(cache, MIRROR, noNetwork).resolve(ref("mbpp+@pre")));
        assertEquals(ExitCodes.DATA, e.exitCode());
        assertTrue(e.getMessage().contains("cached file " + file), e.getMessage());
    }

    @Test
    void unknownNamesVersionsAndMissingFilesSayWhatWasAskedAndWhatExists() {
        EvalctlException name = assertThrows(EvalctlException.class, () -> KnownDatasets.find(ref("humanevl")));
        assertEquals(ExitCodes.NOT_FOUND, name.exitCode());
        assertEquals("\"humanevl\" is neither a file nor a known dataset name; known: humaneval, humaneval+, mbpp, mbpp+",
                name.getMessage());
        EvalctlException version = assertThrows(EvalctlException.class, () -> KnownDatasets.find(ref("mbpp+@v9")));
        assertEquals("dataset mbpp+ has no version \"v9\"; known versions: v0.2.0, pre", version.getMessage());
        // the release of MBPP+ is in the table but not in the shared folder
        EvalctlException missing = assertThrows(EvalctlException.class,
                () -> new DatasetFiles(cache, MIRROR, noNetwork).resolve(ref("mbpp+")));
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().endsWith("has no mbpp/MbppPlus-v0.2.0.jsonl.gz"), missing.getMessage());
        // without a mirror, a version with no public URL cannot be fetched at all
        EvalctlException noUrl = assertThrows(EvalctlException.class,
                () -> new DatasetFiles(cache, null, noNetwork).resolve(ref("mbpp+@pre")));
        assertTrue(noUrl.getMessage().contains("has no public download URL"), noUrl.getMessage());
    }

    @Test
    void pathsAndExistingFilesAreNeverNames() {
        assertTrue(DatasetRef.of(Path.of("humaneval+@v0.1.10")).isPresent());
        assertFalse(DatasetRef.of(Path.of("data/humaneval")).isPresent());
        assertFalse(DatasetRef.of(Path.of("missing.jsonl")).isPresent());
        assertFalse(DatasetRef.of(MIRROR.resolve("humaneval/HumanEval.jsonl.gz")).isPresent());
    }

    private static DatasetRef ref(String s) {
        return DatasetRef.of(Path.of(s)).orElseThrow();
    }
}

package dev.evalstream.evalctl.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.harness.data.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** datasets add: a name is bound to one content; the same content again is a no-op. */
class DatasetCatalogTest {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    static final String A = "{\"task_id\": \"t/0\", \"prompt\": \"def f():\\n\", \"entry_point\": \"f\", \"test\": \"def check(c): pass\"}";
    static final String B = "{\"task_id\": \"t/0\", \"prompt\": \"def f():\\n\", \"entry_point\": \"f\", \"test\": \"def check(c): assert c() == 1\"}";

    @TempDir
    Path dir;

    Dataset dataset(String file, String line) throws IOException {
        Path p = Files.writeString(dir.resolve(file), line + "\n");
        return Dataset.of(p, Problems.read(p));
    }

    @Test
    void entryCarriesTheNameTheContentAddressedIdAndTheFullHash() throws IOException {
        Dataset d = dataset("small.jsonl", A);
        DatasetEntry e = DatasetCatalog.entry("small", d, T0);
        assertEquals("small", e.getName());
        assertEquals(d.name(), e.getDataset());
        assertEquals(64, e.getContentHash().length());
        assertEquals(d.name(), "small-" + e.getContentHash(), "the id is the stem and the full hash");
        assertEquals(1, e.getProblemCount());
        assertEquals("humaneval", e.getFormat());
        assertEquals(T0, e.getAddedAt());
    }

    @Test
    void aFreeNameIsAdded() throws IOException {
        DatasetEntry e = DatasetCatalog.entry("small", dataset("small.jsonl", A), T0);
        assertEquals(DatasetCatalog.Decision.ADD, DatasetCatalog.decide(Map.of(), e));
        DatasetEntry other = DatasetCatalog.entry("other", dataset("b.jsonl", B), T0);
        assertEquals(DatasetCatalog.Decision.ADD, DatasetCatalog.decide(Map.of("other", other), e));
    }

    @Test
    void theSameContentAgainIsUnchangedEvenFromAnotherFileName() throws IOException {
        DatasetEntry first = DatasetCatalog.entry("small", dataset("small.jsonl", A), T0);
        DatasetEntry again = DatasetCatalog.entry("small", dataset("copy.jsonl", A), T0.plusSeconds(60));
        assertEquals(DatasetCatalog.Decision.UNCHANGED, DatasetCatalog.decide(Map.of("small", first), again));
    }

    @Test
    void otherContentUnderATakenNameIsAConflictNamingTheNameAndBothHashes() throws IOException {
        DatasetEntry bound = DatasetCatalog.entry("small", dataset("small.jsonl", A), T0);
        DatasetEntry changed = DatasetCatalog.entry("small", dataset("small2.jsonl", B), T0);
        EvalctlException e = assertThrows(EvalctlException.class, () -> DatasetCatalog.decide(Map.of("small", bound), changed));
        assertEquals(ExitCodes.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("\"small\""), e.getMessage());
        assertTrue(e.getMessage().contains(bound.getContentHash()), e.getMessage());
        assertTrue(e.getMessage().contains(changed.getContentHash()), e.getMessage());
    }

    @Test
    void aNameWithTheKeySeparatorIsAUsageError() throws IOException {
        Dataset d = dataset("small.jsonl", A);
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class, () -> DatasetCatalog.entry("a|b", d, T0)).exitCode());
        assertEquals(ExitCodes.USAGE, assertThrows(EvalctlException.class, () -> DatasetCatalog.entry(" ", d, T0)).exitCode());
    }
}

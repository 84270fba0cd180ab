package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.schemas.Keys;
import java.time.Instant;
import java.util.Map;

/**
 * The rules of the dataset catalog ({@link dev.evalstream.schemas.Topics#DATASETS}, keyed by name), without Kafka: a name
 * is bound to one content for good. Adding other content under a taken name is a conflict;
 * adding the same content again changes nothing (the entry first published stays).
 */
public final class DatasetCatalog {
    /** What datasets add does with an entry. */
    public enum Decision {
        /** The name is free: publish the problems, then the entry. */
        ADD,
        /** The name is bound to this content already: publish nothing. */
        UNCHANGED
    }

    private DatasetCatalog() {
    }

    /** The catalog entry that binds a name to a content-addressed dataset. */
    public static DatasetEntry entry(String name, Dataset dataset, Instant now) {
        if (name == null || name.isBlank()) {
            throw new EvalctlException(ExitCodes.USAGE, "--name must not be blank");
        }
        if (name.indexOf(Keys.SEP) >= 0) {
            throw new EvalctlException(ExitCodes.USAGE, "dataset name '" + name + "' contains '" + Keys.SEP + "'");
        }
        return DatasetEntry.newBuilder()
                .setName(name)
                .setDataset(dataset.name())
                .setContentHash(dataset.contentHash())
                .setProblemCount(dataset.problems().size())
                .setFormat(dataset.format())
                .setAddedAt(now)
                .build();
    }

    /** ADD, UNCHANGED, or a conflict naming the name and both hashes. */
    public static Decision decide(Map<String, DatasetEntry> catalog, DatasetEntry wanted) {
        DatasetEntry bound = catalog.get(wanted.getName());
        if (bound == null) {
            return Decision.ADD;
        }
        if (bound.getContentHash().equals(wanted.getContentHash())) {
            return Decision.UNCHANGED;
        }
        throw new EvalctlException(ExitCodes.CONFLICT, "dataset name \"" + wanted.getName() + "\" is bound to content "
                + bound.getContentHash() + " (dataset " + bound.getDataset() + "); this file's content is "
                + wanted.getContentHash() + ". A name is bound to one content: add it under another name");
    }
}

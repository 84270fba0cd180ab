package dev.evalstream.evalctl.catalog;

import dev.evalstream.evalctl.EvalctlException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of public problem sets a name can stand for. The checksums were computed from the
 * files in the project's shared dataset folder, except MBPP+ v0.2.0's, which is the figure
 * others record for the release (no copy here to check it against): a wrong checksum refuses
 * the file, it never accepts another one. The URLs are the publishers' own; nothing here
 * downloads them in tests (no network), so they are configuration only.
 */
public final class KnownDatasets {
    public static final List<KnownDataset> TABLE = List.of(
            new KnownDataset("humaneval", "v1",
                    "https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz",
                    "humaneval/HumanEval.jsonl.gz",
                    "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef"),
            new KnownDataset("humaneval+", "v0.1.10",
                    "https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz",
                    "humanevalplus/HumanEvalPlus.jsonl.gz",
                    "272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101"),
            // MBPP's sanitized split in human-eval's format, as CodeT publishes it (427 tasks)
            new KnownDataset("mbpp", "sanitized",
                    "https://raw.githubusercontent.com/microsoft/CodeT/main/CodeT/data/dataset/mbpp_sanitized_for_code_generation.jsonl",
                    "mbpp/mbpp_sanitized.jsonl",
                    "c48e256d2cdd091ed2dcad85a0b6fbc7672884032cf0cf28284d66b7b4eb1552"),
            new KnownDataset("mbpp+", "v0.2.0",
                    "https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz",
                    "mbpp/MbppPlus-v0.2.0.jsonl.gz",
                    "af43697e8791c4c149bdfd6b489d8b5412507551ac20e28a439f650b8225db63"),
            // an early MBPP+ file (399 tasks) that predates the releases: a version of its own, mirror only
            new KnownDataset("mbpp+", "pre", "",
                    "mbpp/MbppPlus-pre.jsonl.gz",
                    "b4e9daf3a3d68503c2a92d195e1b44ea485fc15e8eb24f7a60552351835bf47c"));

    /** The version a bare name means. */
    static final Map<String, String> DEFAULT_VERSION = Map.of(
            "humaneval", "v1", "humaneval+", "v0.1.10", "mbpp", "sanitized", "mbpp+", "v0.2.0");

    private KnownDatasets() {
    }

    /** The entry a reference names, or a not-found error listing what the table knows. */
    public static KnownDataset find(DatasetRef ref) {
        String version = ref.version() != null ? ref.version() : DEFAULT_VERSION.get(ref.name());
        if (version == null) {
            throw EvalctlException.notFound("\"" + ref.asked() + "\" is neither a file nor a known dataset name; known: "
                    + String.join(", ", DEFAULT_VERSION.keySet().stream().sorted().toList()));
        }
        return TABLE.stream()
                .filter(d -> d.name().equals(ref.name()) && d.version().equals(version))
                .findFirst()
                .orElseThrow(() -> EvalctlException.notFound("dataset " + ref.name() + " has no version \"" + version
                        + "\"; known versions: " + versionsOf(ref.name())));
    }

    private static String versionsOf(String name) {
        return TABLE.stream().filter(d -> d.name().equals(name)).map(KnownDataset::version)
                .collect(Collectors.joining(", "));
    }
}

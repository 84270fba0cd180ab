package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.data.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A problem set as published: its name (file stem + "-" + the sha-256 over its task ids and
 * their problems' content hashes, so republishing an unchanged file is idempotent) and its
 * Problem events in file order. The whole hash, not a prefix: problems are keyed by dataset and
 * task, so a file crafted to collide with a short prefix would replace another set's tests.
 */
public record Dataset(String name, List<Problem> problems) {

    public static Dataset of(Path problemsFile, Map<String, dev.evalstream.harness.data.Problem> problems) {
        List<String> hashes = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (var p : problems.values()) {
            hashes.add(ContentHash.of(p));
            // the task id too: the same problems under swapped ids are another dataset
            entries.add(ContentHash.ofAll(List.of(ContentHash.of(p), ContentHash.ofText(p.taskId()))));
        }
        String name = stem(problemsFile) + "-" + ContentHash.ofAll(entries);
        List<Problem> events = new ArrayList<>();
        int i = 0;
        for (var p : problems.values()) {
            events.add(Problem.newBuilder()
                    .setDataset(name)
                    .setTaskId(p.taskId())
                    .setPrompt(p.prompt())
                    .setEntryPoint(p.entryPoint())
                    .setTest(p.test())
                    .setCanonicalSolution(p.canonicalSolution())
                    .setContentHash(hashes.get(i++))
                    .setTimeoutMs(p.timeoutMs())
                    .build());
        }
        return new Dataset(name, List.copyOf(events));
    }

    /** The full sha-256 of the content: the part of the name after the stem. */
    public String contentHash() {
        return name.substring(name.lastIndexOf('-') + 1);
    }

    /** "HumanEval.jsonl.gz" -> "HumanEval"; the key separator is replaced. */
    static String stem(Path file) {
        String s = file.getFileName().toString();
        for (String ext : new String[] {".gz", ".jsonl", ".json"}) {
            if (s.endsWith(ext) && s.length() > ext.length()) {
                s = s.substring(0, s.length() - ext.length());
            }
        }
        return s.replace('|', '-');
    }
}

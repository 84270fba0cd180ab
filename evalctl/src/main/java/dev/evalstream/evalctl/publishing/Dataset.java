package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.data.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A problem set as published: its name (file stem + "-" + the first 8 hex of the sha-256 over
 * its problems' content hashes, so republishing an unchanged file is idempotent) and its
 * Problem events in file order.
 */
public record Dataset(String name, List<Problem> problems) {

    public static Dataset of(Path problemsFile, Map<String, dev.evalstream.harness.data.Problem> problems) {
        List<String> hashes = new ArrayList<>();
        for (var p : problems.values()) {
            hashes.add(ContentHash.of(p));
        }
        String name = stem(problemsFile) + "-" + ContentHash.ofAll(hashes).substring(0, 8);
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

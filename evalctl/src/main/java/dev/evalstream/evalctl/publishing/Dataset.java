package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.data.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A problem set as published: its name (file stem + "-" + the sha-256 over its task ids and
 * their problems' content hashes, so republishing an unchanged file is idempotent) and its
 * Problem events in file order. The whole hash, not a prefix: problems are keyed by dataset and
 * task, so a file crafted to collide with a short prefix would replace another set's tests.
 */
public record Dataset(String name, List<Problem> problems) {

    public static Dataset of(Path problemsFile, Map<String, dev.evalstream.harness.data.Problem> problems) {
        return of(problemsFile, problems, (name, ps) -> ps);
    }

    /**
     * As above, with a step that completes the problems once the set's name is known (an evalplus
     * set's expected outputs, which the name does not depend on: ContentHash leaves them out).
     */
    public static Dataset of(Path problemsFile, Map<String, dev.evalstream.harness.data.Problem> read,
                             BiFunction<String, Map<String, dev.evalstream.harness.data.Problem>,
                                     Map<String, dev.evalstream.harness.data.Problem>> complete) {
        List<String> hashes = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (var p : read.values()) {
            hashes.add(ContentHash.of(p));
            // the task id too: the same problems under swapped ids are another dataset
            entries.add(ContentHash.ofAll(List.of(ContentHash.of(p), ContentHash.ofText(p.taskId()))));
        }
        String name = stem(problemsFile) + "-" + ContentHash.ofAll(entries);
        Map<String, dev.evalstream.harness.data.Problem> problems = complete.apply(name, read);
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
                    .setFormat(p.format())
                    .setPlusTests(p.isEvalPlus() ? p.plusTests().toJson() : null)
                    .build());
        }
        return new Dataset(name, List.copyOf(events));
    }

    /** The set's format, as its problems say: "evalplus" (HumanEval+, MBPP+) or "humaneval". */
    public String format() {
        return problems.isEmpty() ? dev.evalstream.harness.data.Problem.HUMANEVAL : problems.get(0).getFormat();
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

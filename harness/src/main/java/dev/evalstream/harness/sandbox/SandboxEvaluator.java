package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.ProgramAssembly;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
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
    private final SandboxOptions options;
    private final SlotPool pool;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private record Job(String program, byte[] judgeSpec, long timeoutMs, CompletableFuture<Verdict> result) {
    }

    private SandboxEvaluator(SandboxOptions options, SlotPool pool) {
        this.options = options;
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
     * the host cannot isolate samples (no bubblewrap, no writable memory/pids cgroups, not root),
     * unless options.insecure() is set, which runs unisolated and logs a warning.
     */
    public static Evaluator create(SandboxOptions options) {
        return new SandboxEvaluator(options, SlotPool.start(options));
    }

    @Override
    public CompletableFuture<Verdict> evaluate(Problem problem, String completion, boolean wholeProgram) {
        long timeoutMs = problem.timeoutMs() != null && problem.timeoutMs() > 0 ? problem.timeoutMs() : options.timeoutMs();
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new Verdict(Verdict.Kind.ERROR, "evaluator closed", 0, timeoutMs));
            return result;
        }
        String text = completion == null ? "" : completion;
        if (options.design() == SandboxOptions.Design.IN_PROCESS) {
            queue.add(new Job(ProgramAssembly.program(problem.prompt(), text, problem.test(), problem.entryPoint()),
                    new byte[0], timeoutMs, result));
        } else {
            queue.add(new Job(ProgramAssembly.untrusted(problem.prompt(), text), judgeSpec(problem), timeoutMs, result));
        }
        return result;
    }

    /** What only the judge reads: the prompt (for its helpers), the test and check's call. */
    private static byte[] judgeSpec(Problem problem) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("prompt", problem.prompt());
        spec.put("trusted", ProgramAssembly.trusted(problem.test(), problem.entryPoint()));
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
                job.result().complete(slot.run(job.program(), job.judgeSpec(), job.timeoutMs()));
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

package dev.evalstream.scoring.planning;

import dev.evalstream.events.Prompt;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.PlannedRuns;
import dev.evalstream.scoring.streams.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Per checkpoint (keyed by family, joined with its family's plans at arrival): remembers the
 * checkpoint for history, then for each plan starts the run whose id PlannedRuns derives from
 * (family, checkpoint, plan), unless it was started (or is waiting) already. The started and
 * pending stores are written in the same exactly-once transaction as the Run and its prompts, so
 * a checkpoint delivered twice, or reprocessed after a crash, starts nothing twice. A run whose
 * dataset (catalog entry and all its problems, global stores) is not there yet waits and is tried
 * again on a wall-clock punctuation; past the patience it becomes a dead letter with the reason
 * (and a later delivery of the checkpoint tries again).
 */
final class PlanStarter implements Processor<String, CheckpointPlans, String, PlannerOutput> {
    private static final Logger LOG = Logger.getLogger(PlanStarter.class);
    private final PlannerSettings settings;
    private ProcessorContext<String, PlannerOutput> context;
    private KeyValueStore<String, CheckpointInfo> checkpoints;
    private KeyValueStore<String, Started> started;
    private KeyValueStore<String, Pending> pending;
    private KeyValueStore<String, CatalogEntry> catalog;
    private KeyValueStore<String, PromptFields> problems;

    PlanStarter(PlannerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, PlannerOutput> context) {
        this.context = context;
        checkpoints = context.getStateStore(PlannerStores.CHECKPOINTS);
        started = context.getStateStore(PlannerStores.STARTED);
        pending = context.getStateStore(PlannerStores.PENDING);
        catalog = context.getStateStore(PlannerStores.CATALOG);
        problems = context.getStateStore(PlannerStores.PROMPTS);
        context.schedule(settings.retryEvery(), PunctuationType.WALL_CLOCK_TIME, this::retry);
    }

    @Override
    public void process(Record<String, CheckpointPlans> record) {
        Arrival arrival = record.value().arrival();
        long now = context.currentSystemTimeMs();
        FamilyPlans plans = record.value().plans() == null ? FamilyPlans.empty() : record.value().plans();
        String key = Keys.task(arrival.checkpoint().family(), arrival.checkpoint().checkpoint());
        CheckpointInfo first = checkpoints.get(key);
        if (first == null) {
            first = arrival.checkpoint().arrived(record.timestamp(), List.copyOf(plans.plans().keySet()));
            checkpoints.put(key, first);
        }
        // a checkpoint's runs are those of the plans its family had when it first arrived
        CheckpointInfo c = first;
        for (PlanSpec plan : plans.plans().values()) {
            if (!c.plans().contains(plan.name())) {
                LOG.debugf("plan %s came after checkpoint %s/%s: not its run", plan.name(), c.family(), c.checkpoint());
                continue;
            }
            String runId = PlannedRuns.runId(c.family(), c.checkpoint(), plan.name());
            if (started.get(runId) != null || pending.get(runId) != null) {
                LOG.debugf("run %s of checkpoint %s/%s and plan %s is started already", runId, c.family(),
                        c.checkpoint(), plan.name());
                continue;
            }
            Pending request = new Pending(runId, c, plan, arrival.source(), now, null);
            if (!tryStart(request, now)) {
                LOG.infof("run %s waits: %s", runId, pending.get(runId).waitingFor());
            }
        }
    }

    /** Starts the run (true) or keeps it pending with what it waits for (false). */
    private boolean tryStart(Pending request, long now) {
        RunStart.Attempt attempt = RunStart.attempt(request.runId(), request.checkpoint(), request.plan(),
                catalog, problems, settings.chunkSize(),
                Instant.ofEpochMilli(now));
        if (attempt.start() == null) {
            pending.put(request.runId(), request.waiting(attempt.waitingFor()));
            return false;
        }
        RunStart s = attempt.start();
        context.forward(new Record<>(s.run().getRunId(), PlannerOutput.of(s.run()), now));
        for (Prompt p : s.prompts()) {
            context.forward(new Record<>(Keys.prompt(p.getRunId(), p.getTaskId(), p.getSampleStart()), PlannerOutput.of(p), now));
        }
        CheckpointInfo c = request.checkpoint();
        started.put(request.runId(), new Started(request.runId(), c.family(), c.checkpoint(), request.plan().name(),
                s.run().getDataset(), s.prompts().size(), now));
        pending.delete(request.runId());
        LOG.infof("started run %s (checkpoint %s/%s, plan %s): %d tasks, %d prompts", request.runId(), c.family(),
                c.checkpoint(), request.plan().name(), s.run().getProblemCount(), s.prompts().size());
        return true;
    }

    private void retry(long now) {
        List<KeyValue<String, Pending>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, Pending> all = pending.all()) {
            all.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, Pending> kv : waiting) {
            Pending p = kv.value;
            if (tryStart(p, now)) {
                continue;
            }
            if (now - p.sinceMillis() >= settings.patience().toMillis()) {
                pending.delete(kv.key);
                String reason = "run " + p.runId() + " of checkpoint " + p.checkpoint().family() + "/"
                        + p.checkpoint().checkpoint() + " and plan " + p.plan().name() + " not started after waiting "
                        + settings.patience() + ": " + pending(p);
                Source s = p.source();
                context.forward(new Record<>(p.checkpoint().family(), PlannerOutput.of(DeadLetters.of(DeadLetters.Origin.SCORER,
                        s.topic(), s.partition(), s.offset(), s.key() == null ? null : s.key().getBytes(StandardCharsets.UTF_8),
                        s.value(), reason)), now));
                LOG.warn(reason);
            }
        }
    }

    private String pending(Pending p) {
        Pending now = pending.get(p.runId());
        return now == null ? p.waitingFor() : now.waitingFor();
    }
}

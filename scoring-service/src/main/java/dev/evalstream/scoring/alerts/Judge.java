package dev.evalstream.scoring.alerts;

import dev.evalstream.events.Alert;
import dev.evalstream.harness.PassAtK;
import dev.evalstream.harness.stats.PairedComparison.TaskTallies;
import dev.evalstream.harness.stats.RegressionRule;
import dev.evalstream.schemas.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Judges each checkpoint of a plan against the previous one by step (its baseline), once, as
 * soon as both runs are complete: so runs completing out of order still pair each checkpoint
 * with its predecessor. The first checkpoint of a plan has no baseline. A judged checkpoint is
 * marked in the store in the same transaction as its Alert, so redelivery and restarts publish
 * nothing new. Checkpoints without a step have no place in the order and are not judged.
 * State per family and plan: the newest {@code keep} checkpoints by step (and older ones still
 * waiting to be judged, see dropOldest), each only its run, step and tasks' (n, c).
 */
final class Judge implements Processor<String, JudgeInput, String, Alert> {
    private static final Logger LOG = Logger.getLogger(Judge.class);
    private static final Comparator<PlanCheckpoint> BY_STEP =
            Comparator.comparingLong(PlanCheckpoint::step).thenComparing(PlanCheckpoint::checkpoint);

    private final AlertSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, PlanCheckpoint> checkpoints;

    Judge(AlertSettings settings) {
        this.settings = settings;
    }

    /** The key of a plan of a family (the judge's partitioning): family|plan. Names never hold the separator. */
    static String planKey(String family, String plan) {
        return family + Keys.SEP + plan;
    }

    /** The key of an alert and of a judged checkpoint: family|plan|checkpoint. */
    static String checkpointKey(String family, String plan, String checkpoint) {
        return planKey(family, plan) + Keys.SEP + checkpoint;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.checkpoints = context.getStateStore(AlertStores.CHECKPOINTS);
    }

    @Override
    public void process(Record<String, JudgeInput> record) {
        JudgeInput in = record.value();
        if (in == null) {
            return;
        }
        if (in.step() == null) {
            LOG.infof("alerts: checkpoint %s of %s has no step, so no place in the order: not judged", in.checkpoint(), in.family());
            return;
        }
        String key = checkpointKey(in.family(), in.plan(), in.checkpoint());
        PlanCheckpoint kept = checkpoints.get(key);
        if (kept == null) {
            kept = PlanCheckpoint.of(in);
        } else if (in.complete() && !kept.complete()) {
            kept = kept.completed(in.tasks());
        } else {
            return; // nothing new: a repeated notice
        }
        checkpoints.put(key, kept);
        List<PlanCheckpoint> plan = plan(in.family(), in.plan());
        judgeReady(plan, record);
        dropOldest(plan);
    }

    /** Every complete, unjudged checkpoint whose predecessor is complete is judged now. */
    private void judgeReady(List<PlanCheckpoint> plan, Record<String, JudgeInput> record) {
        for (int i = 0; i < plan.size(); i++) {
            PlanCheckpoint c = plan.get(i);
            if (c.judged() || !c.complete()) {
                continue;
            }
            PlanCheckpoint baseline = i == 0 ? null : plan.get(i - 1);
            if (baseline != null && !baseline.complete()) {
                continue; // waits for its predecessor's run
            }
            if (baseline != null) {
                judge(baseline, c, record);
            }
            PlanCheckpoint judged = c.judgedNow();
            checkpoints.put(checkpointKey(c.family(), c.plan(), c.checkpoint()), judged);
            plan.set(i, judged);
        }
    }

    private void judge(PlanCheckpoint baseline, PlanCheckpoint c, Record<String, JudgeInput> record) {
        int k = settings.kFor(c.ks());
        RegressionRule.Verdict v = settings.rule().judge(pairs(baseline, c), k).orElse(null);
        if (v == null) {
            LOG.warnf("alerts: %s cannot be compared with %s at k=%d (no common task, or k above n): not judged",
                    c.runId(), baseline.runId(), k);
            return;
        }
        LOG.infof("alerts: %s %s on %s vs %s: pass@%d %.4f -> %.4f, p(drop) %.4g: %s", c.family(), c.checkpoint(),
                c.plan(), baseline.checkpoint(), k, v.difference().a(), v.difference().b(), v.difference().pDrop(),
                v.alert() ? "ALERT" : "no alert");
        if (!v.alert()) {
            return;
        }
        Alert alert = Alert.newBuilder().setFamily(c.family()).setPlan(c.plan()).setCheckpoint(c.checkpoint())
                .setBaseline(baseline.checkpoint()).setRunId(c.runId()).setBaselineRunId(baseline.runId()).setK(k)
                .setValue(v.difference().b()).setBaselineValue(v.difference().a()).setDelta(v.difference().delta())
                .setPValue(v.difference().pDrop()).setTasksRegressed(v.regressed())
                .setAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).build();
        context.forward(record.withKey(checkpointKey(c.family(), c.plan(), c.checkpoint())).withValue(alert));
    }

    /** The tasks both runs counted, baseline as a and checkpoint as b. */
    private static List<TaskTallies> pairs(PlanCheckpoint baseline, PlanCheckpoint c) {
        Map<String, TaskCount> before = baseline.tasks().stream()
                .collect(Collectors.toMap(TaskCount::taskId, Function.identity(), (x, y) -> x));
        List<TaskTallies> out = new ArrayList<>();
        for (TaskCount t : c.tasks()) {
            TaskCount b = before.get(t.taskId());
            if (b != null) {
                out.add(new TaskTallies(t.taskId(), new PassAtK.Tally(b.n(), b.c()), new PassAtK.Tally(t.n(), t.c())));
            }
        }
        return out;
    }

    /** The plan's checkpoints in step order (a prefix scan; names never hold the separator, so it is exact). */
    private List<PlanCheckpoint> plan(String family, String plan) {
        List<PlanCheckpoint> out = new ArrayList<>();
        try (KeyValueIterator<String, PlanCheckpoint> it =
                     checkpoints.prefixScan(planKey(family, plan) + Keys.SEP, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        out.sort(BY_STEP);
        return out;
    }

    /**
     * Keeps the newest {@code keep} checkpoints of the plan by step. An older one still unjudged (its
     * run or its predecessor's still running), or the baseline of one, stays until {@code keep} newer
     * runs are complete: a run that never completes is then given up on.
     */
    private void dropOldest(List<PlanCheckpoint> plan) {
        int excess = plan.size() - settings.keep();
        for (int i = 0; i < excess; i++) {
            PlanCheckpoint old = plan.get(i);
            if (!old.judged() || !plan.get(i + 1).judged()) { // waiting, or the baseline of one waiting
                long newerComplete = plan.subList(i + 1, plan.size()).stream().filter(PlanCheckpoint::complete).count();
                if (newerComplete < settings.keep()) {
                    return;
                }
                LOG.warnf("alerts: checkpoint %s of %s on %s dropped before it or its successor was judged: %d newer runs completed first",
                        old.checkpoint(), old.family(), old.plan(), newerComplete);
            }
            checkpoints.delete(checkpointKey(old.family(), old.plan(), old.checkpoint()));
        }
    }
}

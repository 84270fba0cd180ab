package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sample;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes a run in the order its readers need: the problems (so executors know the tests
 * before any sample arrives), then the Run, each flushed; then samples or prompts, flushed
 * again so that when this returns every event is acknowledged by all in-sync replicas.
 */
public final class RunPublisher {
    private final EventPublisher publisher;

    public RunPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Connects to the broker and the registry for every topic and event type of this submission. */
    public void prepare(Dataset dataset, Submission submission) {
        Map<String, SpecificRecord> examples = new LinkedHashMap<>();
        dataset.problems().stream().findFirst().ifPresent(p -> examples.put(Topics.PROBLEMS, p));
        examples.put(Topics.RUNS, submission.run());
        submission.samples().stream().findFirst().ifPresent(s -> examples.put(Topics.SAMPLES, s));
        submission.prompts().stream().findFirst().ifPresent(p -> examples.put(Topics.PROMPTS, p));
        publisher.prepare(examples);
    }

    public void publish(Dataset dataset, Submission submission) {
        for (Problem p : dataset.problems()) {
            publisher.send(Topics.PROBLEMS, Keys.problem(p.getDataset(), p.getTaskId()), p);
        }
        publisher.flush();
        publisher.send(Topics.RUNS, submission.run().getRunId(), submission.run());
        publisher.flush();
        for (Sample s : submission.samples()) {
            publisher.send(Topics.SAMPLES, Keys.sample(s.getRunId(), s.getTaskId(), s.getSampleIndex()), s);
        }
        for (Prompt p : submission.prompts()) {
            publisher.send(Topics.PROMPTS, Keys.prompt(p.getRunId(), p.getTaskId(), p.getSampleStart()), p);
        }
        publisher.flush();
    }
}

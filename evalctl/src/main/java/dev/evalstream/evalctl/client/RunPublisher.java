package dev.evalstream.evalctl.client;

import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sample;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;

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

package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Checkpoint;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Problem;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;

/**
 * Publishes continuous evaluation's events, each flushed before this returns: a dataset's
 * problems before its catalog entry (so the catalog never names problems not yet on their
 * topic), plans by name, checkpoints by family.
 */
public final class CatalogPublisher {
    private final EventPublisher publisher;

    public CatalogPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void addDataset(Dataset dataset, DatasetEntry entry) {
        for (Problem p : dataset.problems()) {
            publisher.send(Topics.PROBLEMS, Keys.problem(p.getDataset(), p.getTaskId()), p);
        }
        publisher.flush();
        publisher.send(Topics.DATASETS, entry.getName(), entry);
        publisher.flush();
    }

    public void addPlan(Plan plan) {
        publisher.send(Topics.PLANS, plan.getName(), plan);
        publisher.flush();
    }

    public void checkpoint(Checkpoint checkpoint) {
        publisher.send(Topics.CHECKPOINTS, checkpoint.getFamily(), checkpoint);
        publisher.flush();
    }
}

package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.streams.ScoreListener;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Broadcasts every change of a run's table on this instance to live subscribers (SSE). With
 * no subscriber an update is simply not delivered: the tables remain the source of truth.
 */
@ApplicationScoped
public class ScoreEvents implements ScoreListener {
    static final int BUFFER = 4096;
    private final BroadcastProcessor<RunView> processor = BroadcastProcessor.create();
    private final Object lock = new Object();

    @Override
    public void changed(String runId, RunScore score) {
        if (score == null) {
            return;
        }
        RunView view = Views.run(score);
        synchronized (lock) { // stream threads call concurrently; subscribers need a serial stream
            processor.onNext(view);
        }
    }

    /**
     * A subscriber's stream. A client that reads slower than a run updates gets a bounded
     * buffer; past it the stream fails and EventSource reconnects (the page then reloads /runs).
     */
    public Multi<RunView> stream() {
        return processor.onOverflow().buffer(BUFFER);
    }

}

package dev.evalstream.executor;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import java.util.concurrent.CompletionStage;

/** Where the processor's output goes. Each stage completes once the broker has acknowledged the record. */
public interface Outbox {

    CompletionStage<Void> result(String key, Result result);

    CompletionStage<Void> deadLetter(String key, DeadLetter letter);
}

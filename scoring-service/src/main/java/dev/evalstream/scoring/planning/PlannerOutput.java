package dev.evalstream.scoring.planning;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;

/** One thing the planner writes: a Run, a Prompt, or a dead letter (exactly one is set). Never serialized. */
record PlannerOutput(Run run, Prompt prompt, DeadLetter deadLetter) {
    static PlannerOutput of(Run run) {
        return new PlannerOutput(run, null, null);
    }

    static PlannerOutput of(Prompt prompt) {
        return new PlannerOutput(null, prompt, null);
    }

    static PlannerOutput of(DeadLetter letter) {
        return new PlannerOutput(null, null, letter);
    }
}

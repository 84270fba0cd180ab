package dev.evalstream.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.plus.PlusVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection, MBPP+'s differences, solution samples, the plus_tests document and evalplus's results shape. */
class EvalPlusFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static final String HE = "{\"task_id\": \"HumanEval/0\", \"prompt\": \"def f(x):\\n\", \"entry_point\": \"f\", "
            + "\"test\": \"def check(c):\\n    assert c(1) == 1\\n\", \"canonical_solution\": \"    return x\\n\"";
    private static final String PLUS = ", \"base_input\": [[1], [2]], \"plus_input\": [[3]], \"atol\": 0}";

    @Test
    void aFileWithPlusInputIsEvalplusAndOneWithoutIsHumanEval() throws IOException {
        Problem plus = Problems.read(file("p.jsonl", HE + PLUS)).get("HumanEval/0");
        assertEquals(Problem.EVALPLUS, plus.format());
        assertEquals(PlusTests.HUMANEVAL, plus.plusTests().dialect());
        assertEquals(3, plus.plusTests().inputs());
        Problem he = Problems.read(file("h.jsonl", HE + "}")).get("HumanEval/0");
        assertEquals(Problem.HUMANEVAL, he.format());
        assertFalse(he.isEvalPlus());
    }

    @Test
    void mixingFormatsIsAnErrorNamingTheLine() throws IOException {
        Path mixed = file("m.jsonl", HE + PLUS, HE.replace("HumanEval/0", "HumanEval/1") + "}");
        DataFileException e = assertThrows(DataFileException.class, () -> Problems.read(mixed));
        assertTrue(e.getMessage().contains("m.jsonl:2") && e.getMessage().contains("plus_input"), e.getMessage());
        Path badInputs = file("b.jsonl", HE + ", \"base_input\": [1], \"plus_input\": [], \"atol\": 0}");
        e = assertThrows(DataFileException.class, () -> Problems.read(badInputs));
        assertTrue(e.getMessage().contains("base_input") && e.getMessage().contains("item 0"), e.getMessage());
    }

    @Test
    void mbppPlusHasAnAssertionInPlaceOfATestAndItsOwnDialect() throws IOException {
        Path f = file("mbpp.jsonl", "{\"task_id\": \"Mbpp/2\", \"prompt\": \"'''\\nShared elements.\\n'''\", \"entry_point\": \"s\", "
                + "\"canonical_solution\": \"def s(a, b):\\n    return tuple(set(a) & set(b))\\n\", \"base_input\": [[[1], [1]]], "
                + "\"plus_input\": {}, \"atol\": 0, \"assertion\": \"assert s((1,), (1,)) == (1,)\"}");
        Problem p = Problems.read(f).get("Mbpp/2");
        assertEquals(PlusTests.MBPP, p.plusTests().dialect());
        assertEquals("assert s((1,), (1,)) == (1,)", p.test());
        assertEquals(0, p.plusTests().plusInput().size(), "the early MBPP+ file's {} reads as no inputs");
    }

    @Test
    void aSolutionSampleIsAWholeProgram() throws IOException {
        Path f = file("s.jsonl", "{\"task_id\": \"T\", \"solution\": \"def f(x):\\n    return x\\n\"}", "{\"task_id\": \"T\", \"completion\": \"    return x\\n\"}");
        List<SampleLine> samples = Samples.read(f);
        assertTrue(samples.get(0).wholeProgram());
        assertEquals("def f(x):\n    return x\n", samples.get(0).completion());
        assertFalse(samples.get(1).wholeProgram());
    }

    @Test
    void plusTestsSurviveTheirJsonDocumentAndChangeTheContentHash() throws IOException {
        Problem p = Problems.read(file("p.jsonl", HE + PLUS)).get("HumanEval/0");
        PlusTests computed = p.plusTests().withCanonical(List.of("va", "vb", "hc"), List.of(0.1, 0.2, 0.3));
        assertEquals(computed.toJson(), PlusTests.fromJson(computed.toJson()).toJson());
        assertThrows(IllegalArgumentException.class, () -> PlusTests.fromJson("{\"v\": 2}"));
        Problem other = Problems.read(file("q.jsonl", HE + PLUS.replace("[[3]]", "[[4]]"))).get("HumanEval/0");
        assertFalse(ContentHash.of(p).equals(ContentHash.of(other)), "the inputs are part of what a problem is");
    }

    @Test
    void evalplusResultsHaveItsShape() {
        var doc = EvalPlusResults.document("2026-11-30 08:00", "h", List.of(
                new EvalPlusResults.Entry("T", "def f(x): ...", Kind.PASSED, new PlusVerdict(Kind.FAILED, "[]", "[[3]]", List.of(4000L))),
                new EvalPlusResults.Entry("T", "def f(x): ...", Kind.FAILED, new PlusVerdict(Kind.FAILED, "[[1]]", "[]", List.of(4000L)))));
        var t = doc.get("eval").get("T");
        assertEquals(2, t.size());
        assertEquals("pass", t.get(0).get("base_status").asText());
        assertEquals("fail", t.get(0).get("plus_status").asText());
        assertEquals(JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.arrayNode().add(3)), t.get(0).get("plus_fail_tests"));
        assertEquals("fail", t.get(1).get("base_status").asText());
        assertEquals(Path.of("/x/samples.eval_results.json"), EvalPlusResults.beside(Path.of("/x/samples.jsonl")));
    }
}

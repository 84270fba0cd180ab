package dev.evalstream.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sample;
import dev.evalstream.events.Sampling;
import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.ReplayBackend;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt bytes in Confluent wire format (real codec, stub registry) to samples or dead letters. */
class PromptHandlerTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private InProcessRegistry registry;
    private AvroCodec<Prompt> codec;
    private PromptHandler handler;
    private Path samples;

    @BeforeEach
    void setUp() throws IOException {
        registry = new InProcessRegistry();
        codec = new AvroCodec<>(Prompt.class, new RegistryClient(registry.url()), false);
        handler = handler(codec);
        samples = dir.resolve("samples.jsonl");
        Files.writeString(samples, """
                {"task_id": "HumanEval/0", "completion": "    return 0"}
                {"task_id": "HumanEval/1", "completion": "    return 10"}
                {"task_id": "HumanEval/0", "completion": "    return 1"}
                {"task_id": "HumanEval/0", "completion": "    return 2"}
                """);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private static PromptHandler handler(AvroCodec<Prompt> codec) {
        Map<String, Backend> backends = Map.of(ReplayBackend.NAME, new ReplayBackend());
        return new PromptHandler(PromptDecoder.of(codec), new PromptValidator(100), backends, "gen-1",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Prompt.Builder prompt(int start, int end) {
        return Prompt.newBuilder().setRunId("run-1").setModel("m").setDataset("humaneval-abcd1234")
                .setTaskId("HumanEval/0").setPrompt("def f():\n").setSampling(Sampling.newBuilder().build())
                .setBackend("replay").setBackendOptions(Map.of("file", samples.toString()))
                .setSampleStart(start).setSampleEnd(end);
    }

    private PromptHandler.Outcome handle(byte[] bytes) {
        return handler.handle(Topics.PROMPTS, 2, 77, "run-1|HumanEval/0|1", bytes);
    }

    @Test
    void aChunkBecomesOneSamplePerIndexWithStableIdentities() {
        byte[] bytes = codec.encode(Topics.PROMPTS, prompt(1, 3).build());
        PromptHandler.Produced out = assertInstanceOf(PromptHandler.Produced.class, handle(bytes));
        assertEquals(List.of(Keys.sample("run-1", "HumanEval/0", 1), Keys.sample("run-1", "HumanEval/0", 2)),
                out.samples().stream().map(PromptHandler.KeyedSample::key).toList());
        Sample s = out.samples().get(1).sample();
        assertEquals("run-1", s.getRunId());
        assertEquals("m", s.getModel());
        assertEquals("humaneval-abcd1234", s.getDataset());
        assertEquals(2, s.getSampleIndex());
        assertEquals("    return 2", s.getCompletion());
        assertEquals("gen-1", s.getGenerator());
        assertEquals(NOW, s.getProducedAt());
        assertNull(s.getSumLogprob(), "a replay knows no log-probabilities");
        assertFalse(s.getWholeProgram(), "a completion is appended to the prompt");

        PromptHandler.Produced again = assertInstanceOf(PromptHandler.Produced.class, handle(bytes));
        assertEquals(out.samples(), again.samples(), "redoing a chunk gives the same samples");
    }

    @Test
    void aReplayedSolutionIsMarkedAsAWholeProgram() throws IOException {
        Path plus = dir.resolve("plus-samples.jsonl");
        Files.writeString(plus, """
                {"task_id": "Mbpp/2", "solution": "def similar_elements(a, b):\\n    return set(a) & set(b)\\n"}
                """);
        byte[] bytes = codec.encode(Topics.PROMPTS, prompt(0, 1).setTaskId("Mbpp/2")
                .setBackendOptions(Map.of("file", plus.toString())).build());
        Sample s = assertInstanceOf(PromptHandler.Produced.class, handle(bytes)).samples().get(0).sample();
        assertEquals("def similar_elements(a, b):\n    return set(a) & set(b)\n", s.getCompletion());
        assertTrue(s.getWholeProgram(), "the executor must run an evalplus solution without the prompt");
    }

    @Test
    void undecodableBytesBecomeADeadLetterWithTheBytesAndWhereTheyCameFrom() {
        byte[] junk = "not avro".getBytes(StandardCharsets.UTF_8);
        PromptHandler.Rejected r = assertInstanceOf(PromptHandler.Rejected.class, handle(junk));
        DeadLetter d = r.deadLetter();
        assertEquals(Topics.PROMPTS, d.getSourceTopic());
        assertEquals(2, d.getSourcePartition());
        assertEquals(77, d.getSourceOffset());
        assertEquals(DeadLetters.Origin.GENERATOR.service(), d.getService());
        assertArrayEquals(junk, bytes(d.getValue()));
        assertArrayEquals("run-1|HumanEval/0|1".getBytes(StandardCharsets.UTF_8), bytes(d.getKey()));
        assertTrue(d.getReason().startsWith("undecodable prompt"), d.getReason());
        assertEquals(java.util.Optional.of(new DeadLetters.Lost("run-1", "HumanEval/0", 1, -1)), DeadLetters.lost(d),
                "an unreadable prompt stands for its task's samples from the start its key names");
    }

    @Test
    void anUnknownSchemaIdIsADeadLetter() {
        byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(999).put((byte) 0).array();
        PromptHandler.Rejected r = assertInstanceOf(PromptHandler.Rejected.class, handle(unknownId));
        assertTrue(r.deadLetter().getReason().contains("999"), r.deadLetter().getReason());
        assertInstanceOf(PromptHandler.Rejected.class, handle(null));
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFault() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PromptHandler offline = handler(new AvroCodec<>(Prompt.class,
                new RegistryClient("http://127.0.0.1:" + closedPort), false));
        byte[] bytes = codec.encode(Topics.PROMPTS, prompt(0, 1).build());
        assertThrows(PromptDecoder.RegistryUnavailable.class,
                () -> offline.handle(Topics.PROMPTS, 0, 1, "k", bytes));
    }

    @Test
    void invalidPromptsAreDeadLetteredWithTheirReason() {
        Map<Prompt, String> cases = Map.of(
                prompt(3, 3).build(), "empty sample range [3, 3)",
                prompt(-1, 2).build(), "sample_start -1 is negative",
                prompt(0, 101).build(), "exceeds the 100 samples",
                prompt(0, 1).setBackend("gpt-9").build(), "unknown backend 'gpt-9'",
                prompt(0, 1).setRunId("a|b").build(), "run_id 'a|b' contains",
                prompt(0, 1).setDataset(" ").build(), "missing field dataset",
                prompt(0, 1).setSampling(Sampling.newBuilder().setTopP(0).build()).build(), "top_p 0.0");
        cases.forEach((p, reason) -> {
            PromptHandler.Rejected r = assertInstanceOf(PromptHandler.Rejected.class,
                    handle(codec.encode(Topics.PROMPTS, p)), reason);
            assertTrue(r.deadLetter().getReason().contains(reason), r.deadLetter().getReason());
        });
        PromptHandler.Rejected tooMany = assertInstanceOf(PromptHandler.Rejected.class,
                handle(codec.encode(Topics.PROMPTS, prompt(0, 101).build())));
        assertEquals(java.util.Optional.of(new DeadLetters.Lost(prompt(0, 1).build().getRunId(), "HumanEval/0", 0, 101)),
                DeadLetters.lost(tooMany.deadLetter()), "a prompt with a sound identity stands for its own range");
    }

    @Test
    void aSampleTheReplayFileLacksDeadLettersThePromptNamingIt() {
        byte[] bytes = codec.encode(Topics.PROMPTS, prompt(2, 5).build());
        PromptHandler.Rejected r = assertInstanceOf(PromptHandler.Rejected.class, handle(bytes));
        assertTrue(r.deadLetter().getReason().startsWith("backend replay: sample index 3 of task HumanEval/0"),
                r.deadLetter().getReason());
        assertEquals(java.util.Optional.of(new DeadLetters.Lost(prompt(2, 5).build().getRunId(), "HumanEval/0", 2, 5)),
                DeadLetters.lost(r.deadLetter()), "a failed generation loses the prompt's samples, counted");
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}

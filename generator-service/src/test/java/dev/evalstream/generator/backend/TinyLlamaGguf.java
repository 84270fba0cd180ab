package dev.evalstream.generator.backend;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama model with random weights as a GGUF v3 file (2 layers, 64 wide, F32, a
 * sentencepiece vocabulary of a few hundred tokens: specials, the ASCII byte fallbacks, printable
 * ASCII). Real engines load and sample from it, so loading and sampling code is tested without
 * downloading weights; its text is gibberish, so tests assert structure, never quality.
 */
public final class TinyLlamaGguf {
    private static final int ALIGN = 32;
    private static final int EMBD = 64, LAYERS = 2, HEADS = 4, FF = 128, CTX = 512;
    // GGUF metadata value types
    private static final int U32 = 4, I32 = 5, F32 = 6, STRING = 8, ARRAY = 9;

    private final Random random;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final Map<String, float[]> tensors = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private TinyLlamaGguf(long seed) {
        this.random = new Random(seed);
    }

    /** Writes the model to {@code file}; the same seed gives the same bytes. */
    public static Path write(Path file, long seed) throws IOException {
        return new TinyLlamaGguf(seed).writeTo(file);
    }

    private Path writeTo(Path file) throws IOException {
        List<String> vocab = vocabulary();
        tensor("token_embd.weight", 0.5f, EMBD, vocab.size());
        tensor("output_norm.weight", -1f, EMBD);
        tensor("output.weight", 0.5f, EMBD, vocab.size());
        for (int l = 0; l < LAYERS; l++) {
            String b = "blk." + l + ".";
            tensor(b + "attn_norm.weight", -1f, EMBD);
            for (String m : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
                tensor(b + m + ".weight", 0.125f, EMBD, EMBD);
            }
            tensor(b + "ffn_norm.weight", -1f, EMBD);
            tensor(b + "ffn_gate.weight", 0.125f, EMBD, FF);
            tensor(b + "ffn_up.weight", 0.125f, EMBD, FF);
            tensor(b + "ffn_down.weight", 0.09f, FF, EMBD);
        }
        ByteBuffer kv = le(1 << 16);
        int kvCount = 0;
        kvCount += kvString(kv, "general.architecture", "llama");
        kvCount += kvString(kv, "general.name", "evalstream-tiny-random");
        kvCount += kvU32(kv, "general.alignment", ALIGN);
        kvCount += kvU32(kv, "llama.context_length", CTX);
        kvCount += kvU32(kv, "llama.embedding_length", EMBD);
        kvCount += kvU32(kv, "llama.block_count", LAYERS);
        kvCount += kvU32(kv, "llama.feed_forward_length", FF);
        kvCount += kvU32(kv, "llama.attention.head_count", HEADS);
        kvCount += kvU32(kv, "llama.attention.head_count_kv", HEADS);
        kvCount += kvU32(kv, "llama.rope.dimension_count", EMBD / HEADS);
        str(kv, "llama.attention.layer_norm_rms_epsilon").putInt(F32).putFloat(1e-5f);
        kvCount++;
        kvCount += kvString(kv, "tokenizer.ggml.model", "llama");
        str(kv, "tokenizer.ggml.tokens").putInt(ARRAY).putInt(STRING).putLong(vocab.size());
        vocab.forEach(t -> str(kv, t));
        str(kv, "tokenizer.ggml.scores").putInt(ARRAY).putInt(F32).putLong(vocab.size());
        for (int i = 0; i < vocab.size(); i++) {
            kv.putFloat(-i); // sentencepiece merge priority; only a few merges exist
        }
        str(kv, "tokenizer.ggml.token_type").putInt(ARRAY).putInt(I32).putLong(vocab.size());
        for (int i = 0; i < vocab.size(); i++) {
            kv.putInt(i == 0 ? 2 : i < 3 ? 3 : i < 131 ? 6 : 1); // unknown, control, byte, normal
        }
        kvCount += 3;
        kvCount += kvU32(kv, "tokenizer.ggml.unknown_token_id", 0);
        kvCount += kvU32(kv, "tokenizer.ggml.bos_token_id", 1);
        kvCount += kvU32(kv, "tokenizer.ggml.eos_token_id", 2);

        ByteBuffer infos = le(1 << 14);
        long offset = 0;
        for (var e : tensors.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            str(infos, e.getKey()).putInt(shape.length);
            for (long d : shape) {
                infos.putLong(d);
            }
            infos.putInt(0).putLong(offset); // type F32, offset into the data section
            offset = aligned(offset + 4L * e.getValue().length);
        }
        ByteBuffer head = le(24).put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3)
                .putLong(tensors.size()).putLong(kvCount);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            long written = put(out, head) + put(out, kv) + put(out, infos);
            written += pad(out, written);
            for (float[] t : tensors.values()) {
                ByteBuffer data = le(4 * t.length);
                for (float f : t) {
                    data.putFloat(f);
                }
                written += put(out, data);
                written += pad(out, written);
            }
        }
        return file;
    }

    /** Specials, byte fallbacks <0x00>..<0x7F> (so every token is whole UTF-8 text), the word-boundary mark, printable ASCII, a few pairs. */
    private static List<String> vocabulary() {
        List<String> v = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 128; b++) {
            v.add(String.format("<0x%02X>", b));
        }
        v.add("\u2581");
        for (char c = '!'; c <= '~'; c++) {
            v.add(String.valueOf(c));
        }
        v.addAll(List.of("\u2581\u2581", "\u2581\u2581\u2581\u2581", "re", "ur", "rn", "de", "ef", "\u2581x"));
        return v;
    }

    /** A tensor of ggml shape {@code dims} (innermost first); scale < 0 means all ones (a norm weight). */
    private void tensor(String name, float scale, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale < 0 ? 1f : (float) (random.nextGaussian() * scale);
        }
        tensors.put(name, values);
        shapes.put(name, dims);
    }

    private static int kvU32(ByteBuffer b, String key, int value) {
        str(b, key).putInt(U32).putInt(value);
        return 1;
    }

    private static int kvString(ByteBuffer b, String key, String value) {
        str(str(b, key).putInt(STRING), value);
        return 1;
    }

    private static ByteBuffer str(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return b.putLong(bytes.length).put(bytes);
    }

    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long put(OutputStream out, ByteBuffer b) throws IOException {
        out.write(b.array(), 0, b.position());
        return b.position();
    }

    private static long pad(OutputStream out, long written) throws IOException {
        int n = (int) (aligned(written) - written);
        out.write(new byte[n]);
        return n;
    }

    private static long aligned(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }
}

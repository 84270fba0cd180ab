package dev.evalstream.generator;

import dev.evalstream.events.Prompt;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import java.util.function.BiFunction;

/**
 * Decodes prompt bytes and tells bad bytes (a dead letter) from a registry that cannot be
 * reached (not the record's fault: it must be retried, not dead-lettered).
 */
public final class PromptDecoder {
    private final BiFunction<String, byte[], Prompt> decode;

    public PromptDecoder(BiFunction<String, byte[], Prompt> decode) {
        this.decode = decode;
    }

    public static PromptDecoder of(AvroCodec<Prompt> codec) {
        return new PromptDecoder(codec::decode);
    }

    public Prompt decode(String topic, byte[] bytes) {
        try {
            Prompt prompt = decode.apply(topic, bytes);
            if (prompt == null) {
                throw new InvalidPrompt("no prompt in record");
            }
            return prompt;
        } catch (AvroCodec.CodecException e) {
            if (registryUnreachable(e)) {
                throw new RegistryUnavailable(e.getMessage(), e);
            }
            throw new InvalidPrompt("undecodable prompt: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InvalidPrompt || e instanceof RegistryUnavailable) {
                throw e;
            }
            throw new InvalidPrompt("undecodable prompt: " + e);
        }
    }

    /**
     * A registry failure other than "no such schema id" (404: the bytes name a schema that
     * does not exist) is the registry's fault, not the record's.
     */
    private static boolean registryUnreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RegistryClient.RegistryException) {
                String m = String.valueOf(c.getMessage());
                return !m.contains(" answered 404") && !m.contains(" answered 422");
            }
        }
        return false;
    }

    /** Bytes that are not a prompt; becomes a dead letter. */
    public static final class InvalidPrompt extends RuntimeException {
        public InvalidPrompt(String message) {
            super(message);
        }
    }

    /** The registry could not be asked; the record is left for a retry. */
    public static final class RegistryUnavailable extends RuntimeException {
        public RegistryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

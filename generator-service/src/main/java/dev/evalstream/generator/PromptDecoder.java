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
            throw new InvalidPrompt("undecodable prompt: " + e.getMessage());
        } catch (RegistryClient.RegistryException e) {
            throw new RegistryUnavailable(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidPrompt || e instanceof RegistryUnavailable) {
                throw e;
            }
            throw new InvalidPrompt("undecodable prompt: " + e);
        }
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

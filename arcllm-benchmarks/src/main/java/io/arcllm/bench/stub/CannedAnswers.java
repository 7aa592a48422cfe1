package io.arcllm.bench.stub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed payloads every client under test sends and receives, so they all do the same work: one
 * user prompt, and a ~1 KB answer in the Anthropic Messages and OpenAI Chat Completions formats.
 */
public final class CannedAnswers {

    /** The model every client names. */
    public static final String MODEL = "claude-sonnet-4-20250514";
    /** The answer's {@code max_tokens}. */
    public static final int MAX_TOKENS = 1024;
    /** The one user message each call sends. */
    public static final String PROMPT = "Summarise this incident report in one paragraph for the weekly operations review: "
            + "the primary database cluster lost quorum after a network partition between two zones.";

    private static final byte[] ANTHROPIC_MESSAGE = load("bench/anthropic-message.json");
    private static final byte[] OPENAI_CHAT_COMPLETION = load("bench/openai-chat-completion.json");
    /** Length of the answer's text block, which every client checks to prove it read the whole answer. */
    public static final int ANSWER_TEXT_LENGTH = 687;

    /** A streamed answer's events before its text deltas (message_start, ping, content_block_start). */
    public static final byte[] STREAM_START = ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
            + "\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],"
            + "\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
            + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}\n\n").getBytes(StandardCharsets.UTF_8);
    /** One text delta of a streamed answer (a few words, as models send them). */
    public static final byte[] STREAM_DELTA = ("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"the quorum \"}}\n\n").getBytes(StandardCharsets.UTF_8);

    /** A streamed answer's closing events, reporting {@code deltas} output tokens. */
    public static byte[] streamEnd(int deltas) {
        return ("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas + "}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private CannedAnswers() {
    }

    /** The Anthropic Messages answer the stub sends (990 bytes); a fresh copy. */
    public static byte[] anthropicMessage() {
        return ANTHROPIC_MESSAGE.clone();
    }

    /** The same answer in the OpenAI Chat Completions format (1,127 bytes); a fresh copy. */
    public static byte[] openAiChatCompletion() {
        return OPENAI_CHAT_COMPLETION.clone();
    }

    /** The Anthropic answer as text. */
    public static String anthropicMessageText() {
        return new String(ANTHROPIC_MESSAGE, StandardCharsets.UTF_8);
    }

    /** The OpenAI answer as text. */
    public static String openAiChatCompletionText() {
        return new String(OPENAI_CHAT_COMPLETION, StandardCharsets.UTF_8);
    }

    private static byte[] load(String resource) {
        try (InputStream in = CannedAnswers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

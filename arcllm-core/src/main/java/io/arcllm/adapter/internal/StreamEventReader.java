package io.arcllm.adapter.internal;

import java.util.List;

import io.arcllm.LlmStreamEvent;

/**
 * Turns one provider's server-sent events into normalized {@link LlmStreamEvent}s, keeping the state of one
 * stream (open content blocks, tool-call fragments, usage so far). Not thread-safe: one reader per stream.
 */
interface StreamEventReader {

    /**
     * The normalized events for one server-sent event (often none, e.g. for a {@code ping}).
     *
     * @throws io.arcllm.ArcLlmApiException for an error event the provider sent in place of the answer
     * @throws RuntimeException for a malformed event; the adapter turns it into an {@link io.arcllm.ArcLlmParseException}
     */
    List<LlmStreamEvent> read(SseEvent event);

    /**
     * The events that end the stream once the body has ended (usually none, or the stop event).
     *
     * @throws io.arcllm.ArcLlmTransportException if the body ended before the provider's last event
     */
    List<LlmStreamEvent> finish();
}

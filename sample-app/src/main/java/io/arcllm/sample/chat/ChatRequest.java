package io.arcllm.sample.chat;

import io.arcllm.LlmRequest;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/chat}: an {@link LlmRequest} in its JSON form (messages, tools and
 * options, read and validated by the core types) plus the optional {@code provider} id.
 *
 * @param request the request to send upstream, already valid
 * @param provider the provider id to send to; null for the default provider
 */
record ChatRequest(LlmRequest request, @Nullable String provider) {

    /** The request to send upstream. */
    LlmRequest toLlmRequest() {
        return request;
    }
}

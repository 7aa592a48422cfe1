package io.arcllm.sample.chat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.RequestLimits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/chat}: sends a conversation to a provider and answers with the normalized
 * {@link LlmResponse} JSON. The body is {@code {"messages": [...], "tools": [...], "maxTokens": n,
 * "temperature": x, "provider": "optional id"}}. The body is validated completely before anything is
 * sent upstream, including the {@code arcllm.limits.*} ({@link RequestLimits}); errors become problem
 * details ({@link ChatProblemHandler}). Answers are {@code application/json} only: a request that accepts
 * only other types (e.g. {@code text/event-stream}) gets a 406 problem. {@code POST /api/chat/stream} takes the
 * same body and streams the answer as {@code text/event-stream}.
 */
@RestController
final class ChatController {

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);

    private final ChatRequestReader reader;
    private final ProviderSelector providers;
    private final RequestLimits limits;

    ChatController(ChatRequestReader reader, ProviderSelector providers, RequestLimits limits) {
        this.reader = reader;
        this.providers = providers;
        this.limits = limits;
    }

    /**
     * Streams one chat request's answer as {@code text/event-stream}: each normalized {@link LlmStreamEvent} as one
     * event whose data is its JSON. A failure before the first event (invalid request, upstream error after the
     * modules gave up, timeout) is a problem detail like {@code /api/chat}'s, as nothing was sent yet; a failure
     * after content was streamed ({@link ArcLlmStreamInterruptedException}) ends the stream with one {@code error}
     * event: {@code {"type": "error", "provider": ..., "detail": ..., "partial": <the partial response>}}.
     */
    @PostMapping(path = "/api/chat/stream", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Flux<ServerSentEvent<Object>> stream(@RequestBody(required = false) @Nullable String body) {
        return Flux.defer(() -> {
            ChatRequest chat = reader.read(body);
            var request = limits.check(chat.toLlmRequest());
            LlmProvider provider = providers.select(chat.provider());
            return provider.stream(request)
                    .map(event -> ServerSentEvent.<Object>builder(event).build())
                    .onErrorResume(ArcLlmStreamInterruptedException.class, ChatController::interrupted);
        });
    }

    private static Flux<ServerSentEvent<Object>> interrupted(ArcLlmStreamInterruptedException e) {
        log.warn("stream from '{}' interrupted after content: {}", e.provider(), e.getMessage());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("provider", e.provider());
        error.put("detail", "the answer stream was interrupted after content was sent; it is not retried, so no"
                + " token is repeated: " + (e.getCause() == null ? "unknown" : e.getCause().getMessage()));
        error.put("partial", e.partialResponse().withoutRaw());
        return Flux.just(ServerSentEvent.<Object>builder(error).event("error").build());
    }

    /** Answers one chat request. */
    @PostMapping(path = "/api/chat", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LlmResponse> chat(@RequestBody(required = false) @Nullable String body) {
        return Mono.defer(() -> {
            ChatRequest chat = reader.read(body);
            var request = limits.check(chat.toLlmRequest());
            LlmProvider provider = providers.select(chat.provider());
            return provider.invoke(request);
        });
    }
}

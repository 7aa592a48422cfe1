package io.arcllm.sample.chat;

import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.RequestLimits;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/chat}: sends a conversation to a provider and answers with the normalized
 * {@link LlmResponse} JSON. The body is {@code {"messages": [...], "tools": [...], "maxTokens": n,
 * "temperature": x, "provider": "optional id"}}. The body is validated completely before anything is
 * sent upstream, including the {@code arcllm.limits.*} ({@link RequestLimits}); errors become problem
 * details ({@link ChatProblemHandler}). Answers are {@code application/json} only: a request that accepts
 * only other types (e.g. {@code text/event-stream}) gets a 406 problem.
 */
@RestController
final class ChatController {

    private final ChatRequestReader reader;
    private final ProviderSelector providers;
    private final RequestLimits limits;

    ChatController(ChatRequestReader reader, ProviderSelector providers, RequestLimits limits) {
        this.reader = reader;
        this.providers = providers;
        this.limits = limits;
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

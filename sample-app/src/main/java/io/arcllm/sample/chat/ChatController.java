package io.arcllm.sample.chat;

import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
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
 * sent upstream; errors become problem details ({@link ChatProblemHandler}).
 */
@RestController
final class ChatController {

    private final ChatRequestReader reader;
    private final ProviderSelector providers;

    ChatController(ChatRequestReader reader, ProviderSelector providers) {
        this.reader = reader;
        this.providers = providers;
    }

    /** Answers one chat request. */
    @PostMapping(path = "/api/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<LlmResponse> chat(@RequestBody(required = false) @Nullable String body) {
        return Mono.defer(() -> {
            ChatRequest chat = reader.read(body);
            var request = chat.toLlmRequest();
            LlmProvider provider = providers.select(chat.provider());
            return provider.invoke(request);
        });
    }
}

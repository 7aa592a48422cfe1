package io.arcllm.sample.chat;

import java.util.List;

import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Tool;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/chat}: an {@link LlmRequest} in its JSON form plus the optional
 * {@code provider} id. Messages, content blocks and tools use the core types' own JSON form.
 *
 * @param messages the conversation; required, not empty
 * @param tools the tools on offer; may be absent
 * @param maxTokens the answer's token limit; absent for the model's default
 * @param temperature sampling temperature; absent for the provider's default
 * @param stopSequences strings that end the answer; may be absent
 * @param provider the provider id to send to; absent for the default provider
 */
record ChatRequest(@Nullable List<Message> messages, @Nullable List<Tool> tools, @Nullable Integer maxTokens,
                   @Nullable Double temperature, @Nullable List<String> stopSequences, @Nullable String provider) {

    /** The properties a body may have, for error messages. */
    static final List<String> PROPERTIES =
            List.of("messages", "tools", "maxTokens", "temperature", "stopSequences", "provider");

    /**
     * The request to send upstream.
     *
     * @throws InvalidChatRequestException if messages are missing or empty, or an option is out of range
     */
    LlmRequest toLlmRequest() {
        if (messages == null) {
            throw new InvalidChatRequestException("messages",
                    "'messages' is required: a non-empty list like [{\"role\": \"user\", \"content\": \"hi\"}]");
        }
        if (messages.isEmpty()) {
            throw new InvalidChatRequestException("messages", "'messages' must not be empty");
        }
        try {
            return LlmRequest.builder()
                    .messages(messages)
                    .tools(tools == null ? List.of() : tools)
                    .maxTokens(maxTokens)
                    .temperature(temperature)
                    .stopSequences(stopSequences == null ? List.of() : stopSequences)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidChatRequestException(null, e.getMessage());
        }
    }
}

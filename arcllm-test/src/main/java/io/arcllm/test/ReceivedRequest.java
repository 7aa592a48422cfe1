package io.arcllm.test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.arcllm.Message;
import io.arcllm.Role;
import io.arcllm.Tool;
import org.jspecify.annotations.Nullable;

/**
 * One request a stub received, read back from the provider's wire format into ArcLLM's types: what the model
 * would have seen. Messages are as the provider saw them, so they differ from the {@code LlmRequest} where the
 * format does: Anthropic lifts system messages into one (joined by blank lines) and sends tool results as
 * {@link Role#TOOL} turns; OpenAI sends each tool result as its own message.
 *
 * @param providerId the stub's provider id
 * @param path the request path, e.g. {@code /v1/messages}
 * @param model the {@code model} sent
 * @param messages the conversation sent, system message first if any
 * @param tools the tools offered
 * @param maxTokens {@code max_tokens} (Anthropic) or {@code max_completion_tokens} (OpenAI), if sent
 * @param temperature the temperature, if sent
 * @param stream whether it asked for a streamed answer ({@code "stream": true}, as {@code LlmProvider.stream} sends)
 * @param headers the request headers, names in lower case (the API key header included: it is the stub's dummy)
 * @param body the raw JSON body
 */
public record ReceivedRequest(String providerId, String path, @Nullable String model, List<Message> messages,
                              List<Tool> tools, @Nullable Integer maxTokens, @Nullable Double temperature,
                              boolean stream, Map<String, List<String>> headers, String body) {

    /** Copies the collections. */
    public ReceivedRequest {
        Objects.requireNonNull(providerId, "providerId");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The text of the last {@link Role#USER} message, or empty if there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    /** The text of the system message, or empty if there is none. */
    public String systemText() {
        return messages.stream().filter(m -> m.role() == Role.SYSTEM).map(Message::text).findFirst().orElse("");
    }

    /** The names of the tools offered, in order. */
    public List<String> toolNames() {
        return tools.stream().map(Tool::name).toList();
    }
}

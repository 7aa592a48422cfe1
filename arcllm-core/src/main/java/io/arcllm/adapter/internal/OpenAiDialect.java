package io.arcllm.adapter.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmRequest;
import io.arcllm.StopReason;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One server's variant of the OpenAI Chat Completions format: the small, documented ways in which a
 * compatible provider differs from OpenAI. The request writer and the answer reader (and a streaming
 * reader) consult it instead of testing provider ids. A provider chooses its dialect with
 * {@link ProviderSettings#dialect()} ({@code arcllm.providers.<id>.dialect}); the built-in ones are
 * {@code openai}, {@code mistral}, {@code deepseek}, {@code groq}, {@code together}, {@code fireworks},
 * {@code huggingface}, {@code ollama} and {@code vllm}.
 *
 * @param name the dialect's name
 * @param maxTokensField the field that carries the token limit: {@code max_completion_tokens} (OpenAI, Groq) or
 *     {@code max_tokens} (servers that know only the older field)
 * @param requiredToolChoice the {@code tool_choice} value meaning "call some tool": {@code required}, or
 *     {@code any} for Mistral
 * @param structuredOutput whether {@code response_format} of type {@code json_schema} is accepted; when false,
 *     a request with a {@link io.arcllm.ResponseFormat} fails with {@link ArcLlmConfigException} before sending
 * @param shortToolCallIds whether tool-call ids must be exactly 9 letters or digits (Mistral); other ids,
 *     e.g. from another provider earlier in the conversation, are then rewritten to such ids, the same way in
 *     the assistant's {@code tool_calls} and in the {@code tool} messages that answer them
 * @param unsupportedFields top-level body fields the server rejects; they are left out (logged at DEBUG) when
 *     they arrive through the request's extras
 * @param reasoningFields message fields that carry the model's reasoning text, read as
 *     {@link io.arcllm.LlmResponse#thinking()}: {@code reasoning_content} (DeepSeek, vLLM) or {@code reasoning}
 * @param finishReasons {@code finish_reason} values beyond OpenAI's, e.g. Mistral's {@code model_length}
 * @param rateLimitResetHeader a header giving the seconds until a rate limit resets, read as the wait of a 429
 *     that has no {@code Retry-After} (Together's {@code x-ratelimit-reset}); null when the server sends none
 */
public record OpenAiDialect(String name, String maxTokensField, String requiredToolChoice, boolean structuredOutput,
                            boolean shortToolCallIds, Set<String> unsupportedFields, List<String> reasoningFields,
                            Map<String, StopReason> finishReasons, @Nullable String rateLimitResetHeader) {

    /** The reference dialect: OpenAI itself. */
    public static final OpenAiDialect OPENAI = new OpenAiDialect("openai", "max_completion_tokens", "required",
            true, false, Set.of(), List.of(), Map.of(), null);

    private static final Map<String, OpenAiDialect> BUILT_IN = builtIn();
    private static final Pattern SHORT_ID = Pattern.compile("[a-zA-Z0-9]{9}");
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Copies the collections. */
    public OpenAiDialect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        Objects.requireNonNull(requiredToolChoice, "requiredToolChoice");
        unsupportedFields = Set.copyOf(unsupportedFields);
        reasoningFields = List.copyOf(reasoningFields);
        finishReasons = Map.copyOf(finishReasons);
    }

    private static Map<String, OpenAiDialect> builtIn() {
        Map<String, OpenAiDialect> dialects = new LinkedHashMap<>();
        dialects.put("openai", OPENAI);
        // Mistral: tool_choice "any"; ids of 9 alphanumerics; "model_length" when the context is full.
        dialects.put("mistral", new OpenAiDialect("mistral", "max_tokens", "any", true, true, Set.of(), List.of(),
                Map.of("model_length", StopReason.MAX_TOKENS), null));
        // DeepSeek: JSON mode only (json_object), no json_schema; reasoning in reasoning_content.
        dialects.put("deepseek", new OpenAiDialect("deepseek", "max_tokens", "required", false, false, Set.of(),
                List.of("reasoning_content"), Map.of("insufficient_system_resource", StopReason.MAX_TOKENS), null));
        // Groq answers 400 to these OpenAI fields (its OpenAI-compatibility page).
        dialects.put("groq", new OpenAiDialect("groq", "max_completion_tokens", "required", true, false,
                Set.of("logprobs", "logit_bias", "top_logprobs", "n"), List.of("reasoning"), Map.of(), null));
        // Together: OpenAI-only features it does not document.
        dialects.put("together", new OpenAiDialect("together", "max_tokens", "required", true, false,
                Set.of("store", "metadata", "service_tier", "prediction", "modalities", "audio", "web_search_options"),
                List.of("reasoning"), Map.of(), "x-ratelimit-reset"));
        dialects.put("fireworks", new OpenAiDialect("fireworks", "max_tokens", "required", true, false, Set.of(),
                List.of("reasoning_content"), Map.of(), null));
        dialects.put("huggingface", new OpenAiDialect("huggingface", "max_tokens", "required", true, false, Set.of(),
                List.of("reasoning_content", "reasoning"), Map.of(), null));
        dialects.put("ollama", new OpenAiDialect("ollama", "max_tokens", "required", true, false, Set.of(),
                List.of("reasoning"), Map.of(), null));
        dialects.put("vllm", new OpenAiDialect("vllm", "max_tokens", "required", true, false, Set.of(),
                List.of("reasoning_content", "reasoning"), Map.of(), null));
        return Map.copyOf(dialects);
    }

    /** The names of the built-in dialects. */
    public static Set<String> names() {
        return new java.util.TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * The dialect a provider's settings name; {@link #OPENAI} when they name none.
     *
     * @throws ArcLlmConfigException naming {@code arcllm.providers.<id>.dialect} when the name is unknown
     */
    public static OpenAiDialect of(ProviderSettings settings) {
        if (settings.dialect() == null) {
            return OPENAI;
        }
        OpenAiDialect dialect = BUILT_IN.get(settings.dialect());
        if (dialect == null) {
            throw ArcLlmConfigException.of("arcllm.providers." + settings.id() + ".dialect", "names unknown OpenAI dialect '"
                    + settings.dialect() + "'; known dialects: " + String.join(", ", names()));
        }
        return dialect;
    }

    /**
     * Rejects what this dialect cannot send, before anything is sent.
     *
     * @throws ArcLlmConfigException naming the request option and the provider
     */
    public void requireSupported(LlmRequest request, String provider) {
        if (request.responseFormat() != null && !structuredOutput) {
            throw new ArcLlmConfigException(provider + " (dialect " + name + ") cannot honour responseFormat: it has no "
                    + "JSON-schema structured output. Leave responseFormat unset and describe the JSON in the prompt, "
                    + "or choose another provider");
        }
    }

    /** The id to send for a tool call: unchanged, or for Mistral a stable 9-character alphanumeric form of it. */
    public String toolCallId(String id) {
        if (!shortToolCallIds || SHORT_ID.matcher(id).matches()) {
            return id;
        }
        byte[] digest = sha256(id);
        char[] shortId = new char[9];
        for (int i = 0; i < shortId.length; i++) {
            shortId[i] = ALPHANUMERIC[(digest[i] & 0xff) % ALPHANUMERIC.length];
        }
        return new String(shortId);
    }

    /** Removes the fields this server rejects, telling {@code removed} each one. */
    public void removeUnsupported(ObjectNode body, Consumer<String> removed) {
        for (String field : unsupportedFields) {
            JsonNode value = body.get(field);
            if (value != null && !("n".equals(field) && value.isNumber() && value.intValue() == 1)) {
                body.remove(field);
                removed.accept(field);
            }
        }
    }

    /** The seconds until the rate limit resets, from a throttled answer's headers, if this server sends them. */
    public @Nullable String rateLimitReset(int status, Function<String, String> header) {
        return status == 429 && rateLimitResetHeader != null ? header.apply(rateLimitResetHeader) : null;
    }

    /** The normalized stop reason for a {@code finish_reason}. */
    public StopReason stopReason(@Nullable String finishReason, boolean hasToolCalls) {
        String reason = finishReason == null ? "" : finishReason;
        StopReason extra = finishReasons.get(reason);
        if (extra != null) {
            return extra;
        }
        return switch (reason) {
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
    }

    /** The reasoning text of an answer's message (or a streamed delta), or null if it has none. */
    public @Nullable String reasoning(JsonNode message) {
        for (String field : reasoningFields) {
            JsonNode value = message.get(field);
            if (value != null && value.isString() && !value.stringValue().isEmpty()) {
                return value.stringValue();
            }
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

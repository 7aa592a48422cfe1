package io.arcllm.adapter.compatible;

import java.time.Duration;
import java.util.Map;

import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-compatible built-in providers, each with answers shaped as its public API documentation shows
 * them: a text answer, a tool call, an error body, and a throttled answer with the headers it sends.
 * The tool call asks for {@code get_weather} with {@code {"city": "Paris"}}.
 */
enum CompatibleProvider {

    OPENAI("openai", "", "max_completion_tokens", """
            {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,
             "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant",
             "content":"Paris is the capital of France.","refusal":null,"annotations":[]},"logprobs":null,
             "finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
             "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":0}},"service_tier":"default"}""",
            "call_12345xyz", "\"{\\\"city\\\":\\\"Paris\\\"}\"", 401, """
            {"error":{"message":"Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.",
             "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
            429, Map.of("retry-after-ms", "1500", "x-ratelimit-limit-requests", "10000",
                    "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1.5s"), Duration.ofMillis(1500)),

    MISTRAL("mistral", "", "max_tokens", """
            {"id":"cmpl-e5cc70bb28c444948073e77776eb30ef","object":"chat.completion","model":"mistral-large-latest",
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29},"created":1702256327,
             "choices":[{"index":0,"message":{"content":"Paris is the capital of France.","tool_calls":null,
             "prefix":false,"role":"assistant"},"finish_reason":"stop"}]}""",
            "D681PevKs", "\"{\\\"city\\\": \\\"Paris\\\"}\"", 401, """
            {"message":"Unauthorized","request_id":"5d0a2b9e0e6c4b5f8f3c1a2b3c4d5e6f"}""",
            429, Map.of(), null),

    DEEPSEEK("deepseek", "", "max_tokens", """
            {"id":"930c60df-bf64-41c9-a88e-3ec75f81e00e","object":"chat.completion","created":1705651092,
             "model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
             "content":"Paris is the capital of France."},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_cache_hit_tokens":0,
             "prompt_cache_miss_tokens":19},"system_fingerprint":"fp_3a5770e1b4_prod0225"}""",
            "call_0_8f7c1e2a-5b3d-4e6f-9a1b-2c3d4e5f6a7b", "\"{\\\"city\\\": \\\"Paris\\\"}\"", 402, """
            {"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}""",
            429, Map.of(), null),

    GROQ("groq", "/openai", "max_completion_tokens", """
            {"id":"chatcmpl-f51b2cd2-bef7-417e-964e-a08f0b513c22","object":"chat.completion","created":1730241104,
             "model":"llama-3.3-70b-versatile","choices":[{"index":0,"message":{"role":"assistant",
             "content":"Paris is the capital of France."},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"queue_time":0.037493756,"prompt_tokens":19,"prompt_time":0.000680594,"completion_tokens":10,
             "completion_time":0.463333333,"total_tokens":29,"total_time":0.464013927},
             "system_fingerprint":"fp_179b0f92c9","x_groq":{"id":"req_01jbd6g2qdfw2adyrt2az8hz4w"}}""",
            "call_d5wg", "\"{\\\"city\\\": \\\"Paris\\\"}\"", 401, """
            {"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}""",
            429, Map.of("retry-after", "2", "x-ratelimit-limit-requests", "14400", "x-ratelimit-limit-tokens", "18000",
                    "x-ratelimit-remaining-requests", "14370", "x-ratelimit-remaining-tokens", "0",
                    "x-ratelimit-reset-requests", "2m59.56s", "x-ratelimit-reset-tokens", "7.66s"), Duration.ofSeconds(2)),

    TOGETHER("together", "", "max_tokens", """
            {"id":"8f8a6f7ebd5a2d6c-SJC","object":"chat.completion","created":1715985224,
             "model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","prompt":[],"choices":[{"finish_reason":"eos",
             "seed":7653374539813851000,"logprobs":null,"index":0,"message":{"role":"assistant",
             "content":"Paris is the capital of France.","tool_calls":[]}}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29}}""",
            "call_6ma1q7fo5hp4qojq2e9wvf0b", "\"{\\\"city\\\":\\\"Paris\\\"}\"", 401, """
            {"id":"8f8a6f7ebd5a2d6d-SJC","error":{"message":"Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.",
             "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
            429, Map.of("x-ratelimit-limit", "10", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1"),
            Duration.ofSeconds(1)),

    FIREWORKS("fireworks", "/inference", "max_tokens", """
            {"id":"c5c5f9b3-8f4d-4d8a-9c3e-2b1a0f9e8d7c","object":"chat.completion","created":1723000000,
             "model":"accounts/fireworks/models/llama-v3p3-70b-instruct","choices":[{"index":0,"message":
             {"role":"assistant","content":"Paris is the capital of France."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"total_tokens":29,"completion_tokens":10}}""",
            "call_W4lOGKvBrrDd6rWjSkkfYp6U", "\"{\\\"city\\\": \\\"Paris\\\"}\"", 401, """
            {"error":{"object":"error","type":"invalid_request_error","message":"The API key you provided is invalid."}}""",
            429, Map.of("x-ratelimit-limit-requests", "600", "x-ratelimit-remaining-requests", "0",
                    "x-ratelimit-over-limit", "yes"), null),

    HUGGINGFACE("huggingface", "", "max_tokens", """
            {"id":"chatcmpl-8d1b6f1c1f1a4f3e","object":"chat.completion","created":1740000000,
             "model":"meta-llama/Llama-3.3-70B-Instruct","system_fingerprint":"3.1.1-sha-bb9095a",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},
             "logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29}}""",
            "chatcmpl-tool-9d2c4f1e8a7b4c3d", "\"{\\\"city\\\": \\\"Paris\\\"}\"", 401, """
            {"error":"Invalid credentials in Authorization header"}""",
            429, Map.of("retry-after", "30"), Duration.ofSeconds(30)),

    OLLAMA("ollama", "", "max_tokens", """
            {"id":"chatcmpl-580","object":"chat.completion","created":1723000000,"model":"llama3.2",
             "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant",
             "content":"Paris is the capital of France."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29}}""",
            "call_m3cs7q1h", "{\"city\":\"Paris\"}", 404, """
            {"error":{"message":"model \\"llama3.2\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}""",
            503, Map.of(), null),

    VLLM("vllm", "", "max_tokens", """
            {"id":"chatcmpl-4b1e8e7e0a5f4c6d9b2a","object":"chat.completion","created":1723000000,
             "model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"message":{"role":"assistant",
             "reasoning_content":null,"content":"Paris is the capital of France.","tool_calls":[]},"logprobs":null,
             "finish_reason":"stop","stop_reason":null}],"usage":{"prompt_tokens":19,"total_tokens":29,
             "completion_tokens":10,"prompt_tokens_details":null},"prompt_logprobs":null}""",
            "chatcmpl-tool-3f2a1b0c9d8e7f6a", "{\"city\":\"Paris\"}", 404, """
            {"object":"error","message":"The model `gpt-4` does not exist.","type":"NotFoundError","param":null,"code":404}""",
            429, Map.of(), null);

    final String id;
    /** The path below the host that the catalog's base URL carries, e.g. {@code /openai} for Groq. */
    final String basePath;
    final String maxTokensField;
    final String textAnswer;
    final String toolCallId;
    /** The tool call's {@code arguments} as JSON: a string (OpenAI) or, where servers send it so, an object. */
    final String toolArguments;
    final int errorStatus;
    final String errorBody;
    final int throttleStatus;
    final Map<String, String> throttleHeaders;
    final @Nullable Duration throttleWait;

    CompatibleProvider(String id, String basePath, String maxTokensField, String textAnswer, String toolCallId,
                       String toolArguments, int errorStatus, String errorBody, int throttleStatus,
                       Map<String, String> throttleHeaders, @Nullable Duration throttleWait) {
        this.id = id;
        this.basePath = basePath;
        this.maxTokensField = maxTokensField;
        this.textAnswer = textAnswer;
        this.toolCallId = toolCallId;
        this.toolArguments = toolArguments;
        this.errorStatus = errorStatus;
        this.errorBody = errorBody;
        this.throttleStatus = throttleStatus;
        this.throttleHeaders = throttleHeaders;
        this.throttleWait = throttleWait;
    }

    /** The built-in settings. */
    ProviderSettings builtIn() {
        return ProviderCatalog.builtIn().find(id).orElseThrow();
    }

    /** The model the text answer names. */
    String answeredModel() {
        return io.arcllm.adapter.internal.Json.MAPPER.readTree(textAnswer).get("model").stringValue();
    }

    /** A tool-call answer in this provider's shape. */
    String toolAnswer() {
        String index = this == MISTRAL || this == DEEPSEEK || this == TOGETHER || this == OLLAMA ? "\"index\":0," : "";
        String type = this == MISTRAL ? "" : "\"type\":\"function\",";
        return """
                {"id":"tool-answer","object":"chat.completion","created":1723000000,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"tool_calls":[{%s"id":"%s",%s
                 "function":{"name":"get_weather","arguments":%s}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":80,"completion_tokens":20,"total_tokens":100}}"""
                .formatted(answeredModel(), this == MISTRAL ? "\"\"" : "null", index, toolCallId, type, toolArguments);
    }
}

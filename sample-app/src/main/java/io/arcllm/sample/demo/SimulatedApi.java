package io.arcllm.sample.demo;

import io.arcllm.config.ApiFormat;
import io.arcllm.test.wire.ProviderWire;
import io.netty.handler.codec.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two wire formats a {@link ProviderSimulator} speaks, reduced to what a demo needs: the endpoint
 * path, the authentication header it insists on, a text answer and an error body, each written by the test kit's
 * {@link ProviderWire} (the project's one source of provider JSON).
 */
enum SimulatedApi {

    /** Anthropic Messages API: {@code POST /v1/messages}, {@code x-api-key}. */
    ANTHROPIC("anthropic", "Anthropic", "/v1/messages", "ANTHROPIC_API_KEY") {
        @Override
        boolean isAuthenticated(HttpHeaders headers) {
            return isPresent(headers.get("x-api-key")) && isPresent(headers.get("anthropic-version"));
        }

        @Override
        ObjectNode answer(JsonNode request, String text, int inputTokens, int outputTokens, long sequence) {
            return ProviderWire.of(ApiFormat.ANTHROPIC).textAnswer("msg_sim_" + sequence,
                    request.path("model").asString("claude-simulated"), text, inputTokens, outputTokens);
        }

        @Override
        ObjectNode error(int status, String message) {
            return ProviderWire.of(ApiFormat.ANTHROPIC).error(status, message);
        }
    },

    /** OpenAI Chat Completions: {@code POST /v1/chat/completions}, {@code Authorization: Bearer}. */
    OPENAI("openai", "OpenAI", "/v1/chat/completions", "OPENAI_API_KEY") {
        @Override
        boolean isAuthenticated(HttpHeaders headers) {
            String authorization = headers.get("authorization");
            return authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7;
        }

        @Override
        ObjectNode answer(JsonNode request, String text, int inputTokens, int outputTokens, long sequence) {
            return ProviderWire.of(ApiFormat.OPENAI).textAnswer("chatcmpl-sim-" + sequence,
                    request.path("model").asString("gpt-simulated"), text, inputTokens, outputTokens);
        }

        @Override
        ObjectNode error(int status, String message) {
            return ProviderWire.of(ApiFormat.OPENAI).error(status, message);
        }
    };

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String id;
    private final String label;
    private final String path;
    private final String apiKeyEnv;

    SimulatedApi(String id, String label, String path, String apiKeyEnv) {
        this.id = id;
        this.label = label;
        this.path = path;
        this.apiKeyEnv = apiKeyEnv;
    }

    /** Whether the request carries the headers the real API requires (any key value is accepted). */
    abstract boolean isAuthenticated(HttpHeaders headers);

    /** A successful answer of {@code text}, echoing the requested model. */
    abstract ObjectNode answer(JsonNode request, String text, int inputTokens, int outputTokens, long sequence);

    /** An error body as the real API sends it with {@code status}. */
    abstract ObjectNode error(int status, String message);

    /** The provider id this format is built in for: {@code anthropic} or {@code openai}. */
    String id() {
        return id;
    }

    /** The provider's display name. */
    String label() {
        return label;
    }

    /** The endpoint path below the base URL. */
    String path() {
        return path;
    }

    /** The environment variable that holds the real provider's key. */
    String apiKeyEnv() {
        return apiKeyEnv;
    }

    /** The canned demo answer for a request: it echoes the last user message and says how to go live. */
    String cannedText(JsonNode request) {
        return cannedText(request, label, apiKeyEnv);
    }

    /** As {@link #cannedText(JsonNode)}, for a provider of this format with another name and key variable. */
    static String cannedText(JsonNode request, String label, String apiKeyEnv) {
        String said = lastUserText(request);
        if (said.length() > 200) {
            said = said.substring(0, 200) + "...";
        }
        return "Hello from the simulated " + label + " API (ArcLLM demo mode). You said: \"" + said
                + "\". Set " + apiKeyEnv + " and restart to talk to the real model.";
    }

    /** The text of the last user (or tool) turn; both formats use {@code messages[].content} as string or blocks. */
    static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            if (role.equals("tool")) {
                return "(a tool result)";
            }
            if (role.equals("user")) {
                String text = text(message.path("content"));
                return text.isEmpty() ? "(a tool result)" : text;
            }
        }
        return "";
    }

    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asString(""))) {
                text.append(block.path("text").asString(""));
            }
        }
        return text.toString();
    }

    /** A rough token count for simulated usage: about four characters per token. */
    static int tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static boolean isPresent(String header) {
        return header != null && !header.isBlank();
    }
}

package io.arcllm.sample.demo;

import java.util.List;

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
        List<String> streamStart(JsonNode request, int inputTokens, long sequence) {
            ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
            ObjectNode message = start.putObject("message").put("id", "msg_sim_" + sequence).put("type", "message")
                    .put("role", "assistant").put("model", request.path("model").asString("claude-simulated"));
            message.putArray("content");
            message.putNull("stop_reason");
            message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
            return List.of(event("message_start", start), event("ping", MAPPER.createObjectNode().put("type", "ping")),
                    event("content_block_start", MAPPER.readTree(
                            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")));
        }

        @Override
        String streamDelta(String text) {
            ObjectNode delta = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", text);
            return event("content_block_delta", delta);
        }

        @Override
        List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens, long sequence) {
            ObjectNode delta = MAPPER.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", outputTokens);
            return List.of(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0)),
                    event("message_delta", delta), event("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
        }

        @Override
        String streamError(int status, String message) {
            return event("error", error(status, message));
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
        List<String> streamStart(JsonNode request, int inputTokens, long sequence) {
            return List.of(chunk(request, sequence, MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
        }

        @Override
        String streamDelta(String text) {
            return chunk(MAPPER.createObjectNode(), 0, MAPPER.createObjectNode().put("content", text), null);
        }

        @Override
        List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens, long sequence) {
            ObjectNode usage = MAPPER.createObjectNode();
            usage.put("model", request.path("model").asString("gpt-simulated")).putArray("choices");
            usage.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens)
                    .put("total_tokens", inputTokens + outputTokens);
            return List.of(chunk(request, sequence, MAPPER.createObjectNode(), "stop"), "data: " + usage + "\n\n",
                    "data: [DONE]\n\n");
        }

        @Override
        String streamError(int status, String message) {
            return "data: " + error(status, message) + "\n\n";
        }

        private String chunk(JsonNode request, long sequence, ObjectNode delta, String finishReason) {
            ObjectNode chunk = MAPPER.createObjectNode().put("id", "chatcmpl-sim-" + sequence)
                    .put("object", "chat.completion.chunk").put("model", request.path("model").asString("gpt-simulated"));
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.put("finish_reason", finishReason);
            return "data: " + chunk + "\n\n";
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

    /** A stream's opening events (server-sent event text), before the first text delta. */
    abstract List<String> streamStart(JsonNode request, int inputTokens, long sequence);

    /** One text delta event. */
    abstract String streamDelta(String text);

    /** A stream's closing events: stop reason, usage, end. */
    abstract List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens, long sequence);

    /** An error event inside a stream, as the real API sends it for {@code status}. */
    abstract String streamError(int status, String message);

    static String event(String type, JsonNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    /** {@code text} cut into word-sized deltas, spaces kept, as models stream it. */
    static List<String> words(String text) {
        List<String> words = new java.util.ArrayList<>();
        int from = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                words.add(text.substring(from, i));
                from = i;
            }
        }
        return words;
    }

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

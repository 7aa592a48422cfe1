package io.arcllm.adapter.internal;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmStreamEvent;
import io.arcllm.StopReason;
import io.arcllm.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an OpenAI Chat Completions stream ({@code "stream": true, "stream_options": {"include_usage": true}}):
 * {@code chat.completion.chunk}s, then {@code data: [DONE]}.
 * <ul>
 *   <li>The first chunk → start (its {@code model}). Only choice 0 is read.</li>
 *   <li>{@code delta.content} → text; {@code delta.refusal} → text, and the stop reason becomes
 *       {@link StopReason#CONTENT_FILTER}, as for a whole answer.</li>
 *   <li>{@code delta.tool_calls[i]}: the fragment that brings an {@code id} → tool call started; {@code arguments}
 *       fragments → argument fragments; a call is completed, its arguments parsed, when a later call starts or when
 *       {@code finish_reason} arrives.</li>
 *   <li>The usage chunk (empty {@code choices}) → usage, read as for a whole answer.</li>
 *   <li>{@code [DONE]} → stop, with {@code finish_reason} mapped as for a whole answer. A server that ends the body
 *       after a {@code finish_reason} without {@code [DONE]} is accepted; one that ends it earlier is a transport
 *       failure.</li>
 *   <li>A chunk with an {@code error} object → {@link ArcLlmApiException} (status from its {@code code} when that is
 *       a number, else 429 for rate limits and 500 otherwise).</li>
 * </ul>
 */
final class OpenAiStreamReader implements StreamEventReader {

    private final String provider;
    private final String requestedModel;
    private final OpenAiDialect dialect;
    private boolean started;
    private final TreeMap<Integer, Tool> openTools = new TreeMap<>();
    private int toolCount;
    private @Nullable String finishReason;
    private boolean refusal;
    private boolean stopped;

    private static final class Tool {
        final int index;
        final String id;
        final String name;
        final StringBuilder json = new StringBuilder();

        Tool(int index, String id, String name) {
            this.index = index;
            this.id = id;
            this.name = name;
        }
    }

    /** @param requestedModel the model when the chunks name none */
    public OpenAiStreamReader(String provider, String requestedModel) {
        this(provider, requestedModel, OpenAiDialect.OPENAI);
    }

    /** A reader for one stream of {@code provider}, whose stop reasons are read in {@code dialect}. */
    public OpenAiStreamReader(String provider, String requestedModel, OpenAiDialect dialect) {
        this.provider = provider;
        this.requestedModel = requestedModel;
        this.dialect = dialect;
    }

    @Override
    public List<LlmStreamEvent> read(SseEvent event) {
        if (stopped) {
            return List.of();
        }
        if (event.data().strip().equals("[DONE]")) {
            return done();
        }
        JsonNode chunk = Json.MAPPER.readTree(event.data());
        if (chunk == null || !chunk.isObject()) {
            throw new ResponseShapeException("expected a JSON object");
        }
        if (chunk.has("error") && chunk.get("error").isObject()) {
            throw error(chunk.get("error"), event.data());
        }
        List<LlmStreamEvent> events = new ArrayList<>(2);
        if (!started) {
            started = true;
            String model = Json.optionalString(chunk, "model");
            events.add(new LlmStreamEvent.Start(model == null || model.isEmpty() ? requestedModel : model));
        }
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode choice : choices) {
                JsonNode index = choice.get("index");
                if (index == null || index.asInt(0) == 0) {
                    choice(choice, events);
                }
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            events.add(new LlmStreamEvent.UsageReported(OpenAiResponseReader.usage(chunk)));
        }
        return events;
    }

    private void choice(JsonNode choice, List<LlmStreamEvent> events) {
        JsonNode delta = choice.get("delta");
        if (delta != null && delta.isObject()) {
            String content = Json.optionalString(delta, "content");
            if (content != null && !content.isEmpty()) {
                events.add(new LlmStreamEvent.TextDelta(content));
            }
            String refused = Json.optionalString(delta, "refusal");
            if (refused != null && !refused.isEmpty()) {
                refusal = true;
                events.add(new LlmStreamEvent.TextDelta(refused));
            }
            JsonNode calls = delta.get("tool_calls");
            if (calls != null && calls.isArray()) {
                for (JsonNode call : calls) {
                    toolFragment(call, events);
                }
            }
        }
        String reason = Json.optionalString(choice, "finish_reason");
        if (reason != null) {
            finishReason = reason;
            completeTools(Integer.MAX_VALUE, events);
        }
    }

    private void toolFragment(JsonNode call, List<LlmStreamEvent> events) {
        int index = call.has("index") ? call.get("index").asInt() : 0;
        JsonNode function = call.get("function");
        String id = Json.optionalString(call, "id");
        if (id != null && !id.isEmpty() && !openTools.containsKey(index)) {
            completeTools(index, events);
            String name = function == null ? null : Json.optionalString(function, "name");
            if (name == null) {
                throw new ResponseShapeException("missing field choices[0].delta.tool_calls[" + index + "].function.name");
            }
            Tool tool = new Tool(toolCount++, id, name);
            openTools.put(index, tool);
            events.add(new LlmStreamEvent.ToolCallStarted(tool.index, tool.id, tool.name));
        }
        Tool tool = openTools.get(index);
        String fragment = function == null ? null : Json.optionalString(function, "arguments");
        if (tool == null) {
            if (fragment != null && !fragment.isEmpty()) {
                throw new ResponseShapeException("tool call arguments for index " + index + " before its id");
            }
            return;
        }
        if (fragment != null && !fragment.isEmpty()) {
            tool.json.append(fragment);
            events.add(new LlmStreamEvent.ToolCallArgumentsDelta(tool.index, fragment));
        }
    }

    /** Completes the open tool calls whose wire index is below {@code below}, in order. */
    private void completeTools(int below, List<LlmStreamEvent> events) {
        while (!openTools.isEmpty() && openTools.firstKey() < below) {
            Tool tool = openTools.pollFirstEntry().getValue();
            events.add(new LlmStreamEvent.ToolCallCompleted(tool.index,
                    new ToolCall(tool.id, tool.name, ToolArguments.parse(tool.json.toString(), provider))));
        }
    }

    private List<LlmStreamEvent> done() {
        if (!started) {
            throw new ResponseShapeException("[DONE] before any chunk");
        }
        List<LlmStreamEvent> events = new ArrayList<>(2);
        completeTools(Integer.MAX_VALUE, events);
        stopped = true;
        StopReason reason = refusal ? StopReason.CONTENT_FILTER : dialect.stopReason(finishReason, toolCount > 0);
        events.add(new LlmStreamEvent.Stop(reason));
        return events;
    }

    private ArcLlmApiException error(JsonNode error, String raw) {
        JsonNode code = error.get("code");
        String type = Json.optionalString(error, "type");
        int status = code != null && code.isIntegralNumber() && code.intValue() >= 400 && code.intValue() < 600
                ? code.intValue()
                : "rate_limit_exceeded".equals(Json.optionalString(error, "code")) || "rate_limit_error".equals(type) ? 429 : 500;
        return new ArcLlmApiException(status, raw, provider, null);
    }

    @Override
    public List<LlmStreamEvent> finish() {
        if (stopped) {
            return List.of();
        }
        if (finishReason != null) {
            return done();
        }
        throw new ArcLlmTransportException(provider, new EOFException("the stream ended before finish_reason and [DONE]"));
    }
}

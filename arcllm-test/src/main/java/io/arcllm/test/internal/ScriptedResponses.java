package io.arcllm.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.wire.ProviderWire;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WireMock side of one stub: answers each request with the next reply of its script, written by the
 * provider's {@link ProviderWire}. The last reply repeats; an empty script answers {@link #DEFAULT_TEXT}. An answer
 * goes out whole, or as server-sent events when the request asked for a stream ({@code "stream": true}); errors
 * are whole JSON either way, as the real APIs answer them before a stream starts.
 * A request to another path than the provider's endpoint gets the provider's 404 error. Thread-safe.
 */
public final class ScriptedResponses implements ResponseDefinitionTransformerV2 {

    /** What a stub answers before anything is scripted. */
    public static final String DEFAULT_TEXT = "Hello from the arcllm-test stub.";

    /** How long a hanging reply holds its answer back: far longer than any sensible read timeout. */
    static final int HANG_MILLIS = 10 * 60 * 1000;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String providerId;
    private final ProviderWire wire;
    private final List<Reply> script = new ArrayList<>();
    private int next;
    private final AtomicInteger ids = new AtomicInteger();

    public ScriptedResponses(String providerId, ProviderWire wire) {
        this.providerId = providerId;
        this.wire = wire;
    }

    @Override
    public String getName() {
        return "arcllm-script-" + providerId;
    }

    /** Replaces the script by {@code replies}. */
    public synchronized void replace(List<Reply> replies) {
        script.clear();
        script.addAll(replies);
        next = 0;
    }

    /** Appends to the script. */
    public synchronized void append(Reply reply) {
        script.add(reply);
    }

    /** Clears the script: the stub answers {@link #DEFAULT_TEXT} again. */
    public synchronized void clear() {
        replace(List.of());
    }

    private synchronized Reply nextReply() {
        if (script.isEmpty()) {
            return new Reply.Text(DEFAULT_TEXT);
        }
        Reply reply = script.get(Math.min(next, script.size() - 1));
        next++;
        return reply;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String url = serveEvent.getRequest().getUrl();
        if (!url.equals(wire.path()) && !url.startsWith(wire.path() + "?")) {
            return json(404, wire.error(404, "arcllm-test: " + providerId + " serves POST " + wire.path()
                    + ", not " + url + "; check arcllm.providers." + providerId + ".base-url")).build();
        }
        JsonNode request = parse(serveEvent.getRequest().getBodyAsString());
        JsonNode stream = request == null ? null : request.get("stream");
        return response(nextReply(), model(request), stream != null && stream.asBoolean(false)).build();
    }

    private ResponseDefinitionBuilder response(Reply reply, String model, boolean stream) {
        int n = ids.incrementAndGet();
        String id = (wire.format() == ApiFormat.ANTHROPIC ? "msg_stub_" : "chatcmpl-stub-") + n;
        if (reply instanceof Reply.Text text) {
            return answer(id, model, List.of(text.text()), stream);
        }
        if (reply instanceof Reply.Streamed streamed) {
            if (!streamed.breaks()) {
                return answer(id, model, streamed.deltas(), stream);
            }
            return stream ? sse(wire.interruptedTextStream(id, model, streamed.deltas(), 10))
                    : ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
        }
        if (reply instanceof Reply.ToolCall call) {
            String callId = (wire.format() == ApiFormat.ANTHROPIC ? "toolu_stub_" : "call_stub_") + n;
            return stream ? sse(wire.toolCallStream(id, model, callId, call.name(), call.arguments(), 10, 5))
                    : json(200, wire.toolCallAnswer(id, model, callId, call.name(), call.arguments(), 10, 5));
        }
        if (reply instanceof Reply.Status status) {
            ResponseDefinitionBuilder failure = json(status.status(), wire.error(status.status(), message(status.status())));
            if (status.retryAfter() != null) {
                wire.retryAfterHeaders(status.retryAfter()).forEach(failure::withHeader);
            }
            return failure;
        }
        if (reply instanceof Reply.Overloaded) {
            int status = wire.overloadedStatus();
            return json(status, wire.error(status, "Overloaded"));
        }
        if (reply instanceof Reply.Reset) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
        }
        if (reply instanceof Reply.Slow slow) {
            return answer(id, model, List.of(slow.text()), stream)
                    .withFixedDelay((int) Math.min(Integer.MAX_VALUE, slow.delay().toMillis()));
        }
        // Hang: an answer held back far longer than any sensible read timeout.
        return json(200, wire.textAnswer(id, model, "(too late)", 10, 3)).withFixedDelay(HANG_MILLIS);
    }

    private ResponseDefinitionBuilder answer(String id, String model, List<String> deltas, boolean stream) {
        String text = String.join("", deltas);
        return stream ? sse(wire.textStream(id, model, deltas, 10, tokens(text)))
                : json(200, wire.textAnswer(id, model, text, 10, tokens(text)));
    }

    private static ResponseDefinitionBuilder sse(String events) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withHeader("Cache-Control", "no-cache").withBody(events);
    }

    private static ResponseDefinitionBuilder json(int status, ObjectNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(MAPPER.writeValueAsString(body));
    }

    private static String model(@Nullable JsonNode request) {
        JsonNode model = request == null ? null : request.get("model");
        return model != null && model.isString() ? model.stringValue() : "stub-model";
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static int tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static String message(int status) {
        return switch (status) {
            case 429 -> "Rate limit exceeded (scripted by arcllm-test)";
            case 401 -> "Invalid API key (scripted by arcllm-test)";
            default -> "Error " + status + " (scripted by arcllm-test)";
        };
    }
}

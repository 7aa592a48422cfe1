package io.arcllm.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import org.springframework.stereotype.Service;

/**
 * A small agent: answers questions with the application's default {@link LlmProvider} (retry and fallback come
 * from {@code application.yml}), and can look up the weather with a tool.
 */
@Service
public class Agent {

    static final String SYSTEM = "You are a concise assistant.";

    static final Tool WEATHER = new Tool("get_weather", "The current weather of a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    private static final int MAX_TURNS = 5;

    private final LlmProvider llm;
    private final WeatherService weather;

    public Agent(LlmProvider llm, WeatherService weather) {
        this.llm = llm;
        this.weather = weather;
    }

    /** The model's answer to a question. */
    public String ask(String question) {
        return call(LlmRequest.of(List.of(Message.system(SYSTEM), Message.user(question)))).content();
    }

    /** The model's answer to a question, streamed: each piece of text goes to {@code onText} as it arrives. */
    public String askStreaming(String question, Consumer<String> onText) {
        LlmRequest request = LlmRequest.of(List.of(Message.system(SYSTEM), Message.user(question)));
        return LlmStreamCollector.collect(llm.stream(request).doOnNext(event -> {
            if (event instanceof LlmStreamEvent.TextDelta delta) {
                onText.accept(delta.text());
            }
        })).block(Duration.ofMinutes(2)).content();
    }

    /** The model's answer to a question, running the weather tool as often as the model asks for it. */
    public String askWithTools(String question) {
        List<Message> conversation = new ArrayList<>(List.of(Message.system(SYSTEM), Message.user(question)));
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            LlmResponse response = call(LlmRequest.builder().messages(conversation).tools(List.of(WEATHER)).build());
            if (!response.hasToolCalls()) {
                return response.content();
            }
            conversation.add(Message.assistant(response));
            for (ToolCall call : response.toolCalls()) {
                conversation.add(Message.tool(call.id(), weather.current(String.valueOf(call.arguments().get("city")))));
            }
        }
        throw new IllegalStateException("no answer after " + MAX_TURNS + " turns");
    }

    private LlmResponse call(LlmRequest request) {
        return llm.invoke(request).block(Duration.ofMinutes(2));
    }
}

package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arcllm.config.LoadOptions;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The README's core examples, as written there, so the README stays true. */
class ReadmeExamplesTests {

    @AfterEach
    void restoreTheDefaultRegistry() {
        ArcLlm.useRegistry(null);
    }

    @Test
    void theToolCallingLoopSendsToolResultsBackUntilTheModelEndsItsTurn() {
        List<LlmRequest> sent = new ArrayList<>();
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", request -> {
            sent.add(request);
            boolean answered = request.messages().get(request.messages().size() - 1).role() == Role.TOOL;
            return Mono.just(answered
                    ? new LlmResponse("123 × 456 = 56,088", Usage.empty(), "claude", StopReason.END_TURN)
                    : new LlmResponse(null, List.of(new ToolCall("toolu_1", "calculate", Map.of("expression", "123 * 456"))),
                            Usage.empty(), "claude", StopReason.TOOL_USE, null, null));
        });
        LlmProvider model = ProviderRegistry.builder().adapterFactory(adapters).build().load("anthropic");

        // --- README "A tool-calling loop" ---
        Tool calculator = new Tool("calculate", "Evaluate a mathematical expression", Map.of(
                "type", "object",
                "properties", Map.of("expression", Map.of("type", "string")),
                "required", List.of("expression")));

        List<Message> history = new ArrayList<>(List.of(Message.user("What is 123 * 456? Use the calculator.")));
        LlmResponse response = model.call(LlmRequest.builder().messages(history).tools(List.of(calculator)).maxTokens(200).build());
        while (response.stopReason() == StopReason.TOOL_USE) {
            history.add(Message.assistant(response));
            for (ToolCall call : response.toolCalls()) {
                history.add(Message.tool(call.id(), evaluate(call.arguments().get("expression"))));
            }
            response = model.call(LlmRequest.builder().messages(history).tools(List.of(calculator)).maxTokens(200).build());
        }
        // --- end of the README example ---

        assertThat(response.content()).isEqualTo("123 × 456 = 56,088");
        assertThat(sent).hasSize(2);
        List<Message> second = sent.get(1).messages();
        assertThat(second.get(1).content()).containsExactly(new ToolUseBlock("toolu_1", "calculate", Map.of("expression", "123 * 456")));
        assertThat(second.get(2)).isEqualTo(Message.tool("toolu_1", "56088"));
        assertThat(sent.get(1).tools()).containsExactly(calculator);
    }

    @Test
    void loadModelWithOptionsStacksRetryOverFallbackAndClosesInTryWithResources() {
        FakeAdapters adapters = new FakeAdapters().script("anthropic", FakeOutcomes.ok("Hello back")).script("openai");
        ArcLlm.useRegistry(ProviderRegistry.builder().adapterFactory(adapters).build());

        String content;
        // --- README "Without Spring" ---
        try (LlmProvider model = ArcLlm.loadModel("anthropic", LoadOptions.builder()
                .retry(r -> r.maxRetries(5))
                .fallback(f -> f.chain("openai"))
                .build())) {
            LlmResponse answer = model.invoke(List.of(Message.user("Hello!"))).block();
            // --- end of the README example ---
            content = answer.content();
            assertThat(model).isInstanceOf(RetryModule.class);
            assertThat(((RetryModule) model).config().maxRetries()).isEqualTo(5);
            assertThat(((RetryModule) model).inner()).isInstanceOf(FallbackModule.class);
        }
        assertThat(content).isEqualTo("Hello back");
        assertThat(adapters.closes("anthropic")).as("closing the model releases it; the adapter is the registry's").isZero();
        ArcLlm.clearCache();
        assertThat(adapters.closes("anthropic")).as("closed once, with the registry").isEqualTo(1);
    }

    private static String evaluate(Object expression) {
        return expression.equals("123 * 456") ? "56088" : "Error";
    }

    /** Responses for scripted fakes. */
    private static final class FakeOutcomes {
        static LlmResponse ok(String text) {
            return new LlmResponse(text, Usage.empty(), "test-model", StopReason.END_TURN);
        }
    }
}

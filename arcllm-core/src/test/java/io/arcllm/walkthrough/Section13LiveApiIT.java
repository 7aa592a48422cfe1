package io.arcllm.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arcllm.ArcLlm;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.LoadOptions;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walkthrough §13 against the real Anthropic API. Runs only when {@code ANTHROPIC_API_KEY} is set (and
 * only as an integration test: surefire excludes {@code *IT}); skipped otherwise.
 */
class Section13LiveApiIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void requireAKey() {
        String key = System.getenv("ANTHROPIC_API_KEY");
        Assumptions.assumeTrue(key != null && !key.isBlank(), "ANTHROPIC_API_KEY is not set");
        ArcLlm.clearCache();
    }

    @Test
    void retryEnabledModelAnswersARealQuestion() {
        try (LlmProvider model = ArcLlm.loadModel("anthropic", LoadOptions.builder().retry(true).build())) {
            assertThat(model).isInstanceOf(RetryModule.class);
            assertThat(io.arcllm.internal.ProviderHandle.unwrap(((RetryModule) model).inner())).isInstanceOf(AnthropicAdapter.class);
            assertThat(((RetryModule) model).config().maxRetries()).isEqualTo(3);
            assertThat(((RetryModule) model).config().backoffBase()).isEqualTo(Duration.ofSeconds(1));

            LlmResponse response = model.invoke(LlmRequest.builder()
                    .message(Message.user("What is 2 + 2? One word.")).maxTokens(10).temperature(0.0).build())
                    .block(TIMEOUT);

            assertThat(response.content()).containsAnyOf("4", "Four", "four");
            assertThat(response.model()).startsWith("claude");
            assertThat(response.usage().totalTokens()).isPositive();
            assertThat(response.stopReason()).isIn(StopReason.END_TURN, StopReason.MAX_TOKENS);
        }
    }

    @Test
    void customRetrySettingsWorkAgainstTheRealApi() {
        try (LlmProvider model = ArcLlm.loadModel("anthropic", LoadOptions.builder()
                .retry(r -> r.maxRetries(5).backoffBase(Duration.ofMillis(500))).build())) {
            assertThat(((RetryModule) model).config().maxRetries()).isEqualTo(5);

            LlmResponse response = model.invoke(LlmRequest.builder()
                    .message(Message.user("Say 'hello' and nothing else.")).maxTokens(10).temperature(0.0).build())
                    .block(TIMEOUT);

            assertThat(response.content()).containsIgnoringCase("hello");
        }
    }

    @Test
    void anAgenticLoopWithAToolRunsUnderRetry() {
        Tool calculate = new Tool("calculate", "Evaluate a mathematical expression", Map.of(
                "type", "object",
                "properties", Map.of("expression", Map.of("type", "string")),
                "required", List.of("expression")));
        List<Message> messages = new ArrayList<>(List.of(Message.user("What is 123 * 456? Use the calculator.")));
        String answer = null;

        try (LlmProvider model = ArcLlm.loadModel("anthropic", LoadOptions.builder().retry(true).build())) {
            for (int turn = 1; turn <= 6 && answer == null; turn++) {
                LlmResponse response = model.invoke(LlmRequest.builder().messages(messages).tools(List.of(calculate))
                        .maxTokens(200).temperature(0.0).build()).block(TIMEOUT);
                if (response.stopReason() == StopReason.TOOL_USE) {
                    messages.add(Message.assistant(response));
                    for (ToolCall call : response.toolCalls()) {
                        messages.add(Message.tool(call.id(), evaluate(String.valueOf(call.arguments().get("expression")))));
                    }
                } else {
                    answer = response.content();
                }
            }
        }

        assertThat(answer).isNotNull();
        assertThat(answer.replace(",", "")).contains(String.valueOf(123 * 456));
    }

    private static final Pattern BINARY = Pattern.compile("\\s*(-?[\\d.]+)\\s*([-+*/])\\s*(-?[\\d.]+)\\s*");

    /** The walkthrough's {@code eval}, for one binary operation. */
    private static String evaluate(String expression) {
        Matcher m = BINARY.matcher(expression);
        if (!m.matches()) {
            return "Error";
        }
        BigDecimal a = new BigDecimal(m.group(1));
        BigDecimal b = new BigDecimal(m.group(3));
        return switch (m.group(2)) {
            case "+" -> a.add(b).toPlainString();
            case "-" -> a.subtract(b).toPlainString();
            case "*" -> a.multiply(b).toPlainString();
            default -> b.signum() == 0 ? "Error" : a.divide(b, java.math.MathContext.DECIMAL64).toPlainString();
        };
    }
}

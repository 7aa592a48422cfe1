package io.arcllm.test;

import java.time.Duration;
import java.util.Map;

import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.models.ErrorObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.wire.ProviderWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every body the kit writes parses, and validates, with the providers' official Java SDK models. */
class WireBodiesOfficialSdkTests {

    private static final ProviderWire ANTHROPIC = ProviderWire.of(ApiFormat.ANTHROPIC);
    private static final ProviderWire OPENAI = ProviderWire.of(ApiFormat.OPENAI);

    private static final com.fasterxml.jackson.databind.json.JsonMapper ANTHROPIC_JSON =
            com.anthropic.core.ObjectMappers.jsonMapper();
    private static final com.fasterxml.jackson.databind.json.JsonMapper OPENAI_JSON =
            com.openai.core.ObjectMappers.jsonMapper();

    @Test
    void anthropicTextAnswerIsAnSdkMessage() throws Exception {
        String body = ANTHROPIC.textAnswer("msg_1", "claude-sonnet-4-20250514", "Paris", 12, 3).toString();

        Message message = ANTHROPIC_JSON.readValue(body, Message.class).validate();

        assertThat(message.id()).isEqualTo("msg_1");
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(message.content()).singleElement().satisfies(block -> assertThat(block.asText().text()).isEqualTo("Paris"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void anthropicToolCallIsAnSdkToolUseBlock() throws Exception {
        String body = ANTHROPIC.toolCallAnswer("msg_2", "claude-sonnet-4-20250514", "toolu_1", "get_weather",
                Map.of("city", "Paris", "days", 3), 20, 8).toString();

        Message message = ANTHROPIC_JSON.readValue(body, Message.class).validate();

        ToolUseBlock use = message.content().get(0).asToolUse();
        assertThat(use.id()).isEqualTo("toolu_1");
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris", "days", 3));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 403, 404, 413, 429, 500, 503, 504, 529})
    void anthropicErrorsAreSdkErrorResponses(int status) throws Exception {
        String body = ANTHROPIC.error(status, "try later").toString();

        ErrorResponse error = ANTHROPIC_JSON.readValue(body, ErrorResponse.class).validate();

        assertThat(error.error().message()).isEqualTo("try later");
        switch (status) {
            case 401 -> assertThat(error.error().isAuthenticationError()).isTrue();
            case 429 -> assertThat(error.error().isRateLimitError()).isTrue();
            case 529 -> assertThat(error.error().isOverloadedError()).isTrue();
            case 504 -> assertThat(error.error().isTimeoutError()).isTrue();
            case 500, 503 -> assertThat(error.error().isApiError()).isTrue();
            case 400, 413 -> assertThat(error.error().isInvalidRequestError()).isTrue();
            default -> assertThat(error.error().type()).isNotNull();
        }
    }

    @Test
    void openAiTextAnswerIsAnSdkChatCompletion() throws Exception {
        String body = OPENAI.textAnswer("chatcmpl-1", "gpt-4o", "Paris", 12, 3).toString();

        ChatCompletion completion = OPENAI_JSON.readValue(body, ChatCompletion.class).validate();

        assertThat(completion.id()).isEqualTo("chatcmpl-1");
        assertThat(completion.model()).isEqualTo("gpt-4o");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).contains("Paris");
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(12);
            assertThat(usage.completionTokens()).isEqualTo(3);
            assertThat(usage.totalTokens()).isEqualTo(15);
        });
    }

    @Test
    void openAiToolCallIsAnSdkFunctionToolCall() throws Exception {
        String body = OPENAI.toolCallAnswer("chatcmpl-2", "gpt-4o", "call_1", "get_weather",
                Map.of("city", "Paris"), 20, 8).toString();

        ChatCompletion completion = OPENAI_JSON.readValue(body, ChatCompletion.class).validate();

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 429, 500, 503})
    void openAiErrorsAreSdkErrorObjects(int status) throws Exception {
        var body = OPENAI_JSON.readTree(OPENAI.error(status, "try later").toString());

        ErrorObject error = OPENAI_JSON.treeToValue(body.get("error"), ErrorObject.class).validate();

        assertThat(error.message()).isEqualTo("try later");
        assertThat(error.type()).isNotBlank();
        if (status == 429) {
            assertThat(error.code()).contains("rate_limit_exceeded");
        }
    }

    @Test
    void retryAfterHeadersAreWholeSecondsRoundedUpAndMillisForOpenAi() {
        assertThat(ANTHROPIC.retryAfterHeaders(Duration.ofMillis(1500))).isEqualTo(Map.of("retry-after", "2"));
        assertThat(OPENAI.retryAfterHeaders(Duration.ofMillis(1500)))
                .isEqualTo(Map.of("retry-after", "2", "retry-after-ms", "1500"));
        assertThat(ANTHROPIC.overloadedStatus()).isEqualTo(529);
        assertThat(OPENAI.overloadedStatus()).isEqualTo(503);
    }
}

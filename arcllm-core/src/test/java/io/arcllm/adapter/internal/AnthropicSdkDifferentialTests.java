package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.Message;
import io.arcllm.ThinkingBlock;
import io.arcllm.ToolCall;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.adapter.internal.Json;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same recorded Anthropic event sequence read twice: by ArcLLM's adapter (served by WireMock, collected) and by the
 * official {@code anthropic-java} SDK's stream event models and {@link MessageAccumulator}. The results must agree on
 * text, thinking with signatures, tool calls, stop reason, usage and model.
 */
class AnthropicSdkDifferentialTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    @ParameterizedTest
    @ValueSource(strings = {"anthropic-tool-use.sse", "anthropic-thinking.sse"})
    void arcLlmAndTheOfficialSdkCollectTheSameMessage(String fixture) throws Exception {
        byte[] sse = StreamFixtures.bytes(fixture);
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse)));
        LlmResponse ours;
        try (BaseAdapter adapter = Format.ANTHROPIC.adapter(wireMock)) {
            ours = LlmStreamCollector.collect(adapter.stream(LlmRequest.of(List.of(Message.user("Hi")))))
                    .block(AdapterTestSupport.BLOCK);
        }

        MessageAccumulator accumulator = MessageAccumulator.create();
        for (String event : StreamFixtures.text(fixture).split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data:")) {
                    accumulator.accumulate(ObjectMappers.jsonMapper().readValue(line.substring(5).trim(), RawMessageStreamEvent.class));
                }
            }
        }
        com.anthropic.models.messages.Message sdk = accumulator.message();

        StringBuilder text = new StringBuilder();
        List<ThinkingBlock> thinking = new ArrayList<>();
        List<ToolCall> toolCalls = new ArrayList<>();
        for (ContentBlock block : sdk.content()) {
            if (block.isText()) {
                text.append(block.asText().text());
            } else if (block.isThinking()) {
                thinking.add(new ThinkingBlock(block.asThinking().thinking(), block.asThinking().signature()));
            } else if (block.isToolUse()) {
                String input = ObjectMappers.jsonMapper().writeValueAsString(block.asToolUse()._input());
                Map<String, Object> arguments = Json.toMap(Json.MAPPER.readTree(input));
                toolCalls.add(new ToolCall(block.asToolUse().id(), block.asToolUse().name(), arguments));
            }
        }
        assertThat(ours.content()).isEqualTo(text.toString());
        assertThat(ours.thinkingBlocks()).isEqualTo(thinking);
        assertThat(ours.toolCalls()).isEqualTo(toolCalls);
        assertThat(ours.model()).isEqualTo(sdk.model().asString());
        assertThat(ours.stopReason().name().toLowerCase()).isEqualTo(sdk.stopReason().orElseThrow().asString());
        assertThat((long) ours.usage().inputTokens()).isEqualTo(sdk.usage().inputTokens());
        assertThat((long) ours.usage().outputTokens()).isEqualTo(sdk.usage().outputTokens());
        assertThat(ours.usage().cacheReadTokens().longValue()).isEqualTo(sdk.usage().cacheReadInputTokens().orElseThrow());
        assertThat(ours.usage().cacheWriteTokens().longValue()).isEqualTo(sdk.usage().cacheCreationInputTokens().orElseThrow());
    }
}

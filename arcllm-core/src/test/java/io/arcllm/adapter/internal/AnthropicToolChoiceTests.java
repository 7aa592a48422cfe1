package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.arcllm.adapter.internal.AdapterTestSupport.call;
import static io.arcllm.adapter.internal.AdapterTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ResponseFormat;
import io.arcllm.Tool;
import io.arcllm.ToolChoice;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.adapter.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tool forcing and structured output in the Anthropic Messages dialect. */
class AnthropicToolChoiceTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final Format FORMAT = Format.ANTHROPIC;
    private static final Tool WEATHER = new Tool("get_weather", "", Map.of("type", "object"));

    private BaseAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
        wireMock.resetAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auto| {\"type\":\"auto\"}",
            "none| {\"type\":\"none\"}",
            "required| {\"type\":\"any\"}",
            "get_weather| {\"type\":\"tool\",\"name\":\"get_weather\"}"})
    void toolChoiceIsSentAsAnthropicsToolChoice(String choice, String expected) {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        adapter = FORMAT.adapter(wireMock);
        ToolChoice toolChoice = switch (choice) {
            case "auto" -> ToolChoice.auto();
            case "none" -> ToolChoice.none();
            case "required" -> ToolChoice.required();
            default -> ToolChoice.tool(choice);
        };

        call(adapter.invoke(LlmRequest.builder().message(Message.user("Weather?")).tools(List.of(WEATHER))
                .toolChoice(toolChoice).build()));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(
                equalToJson("{\"tool_choice\":" + expected + "}", false, true)));
    }

    @Test
    void aResponseFormatIsSentAsOutputConfigFormat() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        adapter = FORMAT.adapter(wireMock);
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("celsius", Map.of("type", "number")));

        call(adapter.invoke(LlmRequest.builder().message(Message.user("Weather?"))
                .responseFormat(ResponseFormat.jsonSchema("weather", schema)).build()));

        String body = wireMock.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(Json.MAPPER.readTree(body).get("output_config")).isEqualTo(Json.MAPPER.readTree("""
                {"format":{"type":"json_schema","schema":{"type":"object","properties":{"celsius":{"type":"number"}}}}}"""));
        assertThat(Json.MAPPER.readTree(body).has("tool_choice")).isFalse();
    }
}

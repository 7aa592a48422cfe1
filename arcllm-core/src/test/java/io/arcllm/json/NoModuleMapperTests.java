package io.arcllm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.ToolResultBlock;
import io.arcllm.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Users need no ArcLLM Jackson module: the annotations on the types are enough. */
class NoModuleMapperTests {

    @Test
    void mapperWithNoModulesRegisteredReadsAndWritesAWholeToolConversation() {
        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(mapper.registeredModules()).isEmpty();

        LlmResponse toolTurn = new LlmResponse("Let me compute.",
                List.of(new ToolCall("toolu_1", "calculate", Map.of("expression", "123 * 456"))),
                new Usage(30, 12), "claude-sonnet-4-20250514", StopReason.TOOL_USE, null, null);
        LlmRequest followUp = LlmRequest.builder()
                .message(Message.user("What is 123 * 456?"))
                .message(Message.assistant(toolTurn))
                .message(Message.tool("toolu_1", "56088"))
                .tools(List.of(new Tool("calculate", "Evaluates arithmetic", null)))
                .build();

        String requestJson = mapper.writeValueAsString(followUp);
        String responseJson = mapper.writeValueAsString(toolTurn);

        assertThat(mapper.readValue(requestJson, LlmRequest.class)).isEqualTo(followUp);
        assertThat(mapper.readValue(responseJson, LlmResponse.class)).isEqualTo(toolTurn);
        assertThat(mapper.readTree(requestJson).at("/messages/1/content/1/type").asString()).isEqualTo("tool_use");
        assertThat(mapper.readTree(requestJson).at("/messages/2/content/0/toolUseId").asString()).isEqualTo("toolu_1");
    }

    @Test
    void springBootStyleMapperAgreesWithPlainMapperByteForByte() {
        ObjectMapper plain = new ObjectMapper();
        ObjectMapper boot = JsonMappers.springBootDefaults();
        Message message = Message.tool(List.of(new ToolResultBlock("toolu_1", List.of(new TextBlock("a")), true)));
        LlmResponse response = new LlmResponse("4", new Usage(1, 2), "m", StopReason.END_TURN);

        assertThat(boot.writeValueAsString(message)).isEqualTo(plain.writeValueAsString(message));
        assertThat(boot.writeValueAsString(response)).isEqualTo(plain.writeValueAsString(response));
    }
}

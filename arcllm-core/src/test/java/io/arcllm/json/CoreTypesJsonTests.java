package io.arcllm.json;

import static io.arcllm.json.JsonMappers.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Messages, roles, tools and requests in the JSON form of DESIGN.md §2. */
class CoreTypesJsonTests {

    private final JsonMapper mapper = JsonMappers.plain();

    @ParameterizedTest
    @CsvSource({"SYSTEM, system", "USER, user", "ASSISTANT, assistant", "TOOL, tool"})
    void rolesAreSpelledInLowerCaseBothWays(Role role, String json) {
        assertThat(mapper.writeValueAsString(role)).isEqualTo("\"" + json + "\"");
        assertThat(mapper.readValue("\"" + json + "\"", Role.class)).isEqualTo(role);
    }

    @Test
    void designUserExampleReadsAsOneTextBlock() {
        Message message = mapper.readValue("""
                {"role": "user", "content": "What is 2 + 2?"}""", Message.class);

        assertThat(message.role()).isEqualTo(Role.USER);
        assertThat(message.content()).containsExactly(new TextBlock("What is 2 + 2?"));
    }

    @Test
    void designAssistantExampleReadsTextThenToolUse() {
        Message message = mapper.readValue("""
                {"role": "assistant", "content": [
                   {"type": "text", "text": "I'll use the calculator."},
                   {"type": "tool_use", "id": "toolu_1", "name": "calculate", "arguments": {"expression": "123 * 456"}}]}
                """, Message.class);

        assertThat(message.role()).isEqualTo(Role.ASSISTANT);
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0)).isEqualTo(new TextBlock("I'll use the calculator."));
        ToolUseBlock toolUse = (ToolUseBlock) message.content().get(1);
        assertThat(toolUse.id()).isEqualTo("toolu_1");
        assertThat(toolUse.name()).isEqualTo("calculate");
        assertThat(toolUse.arguments()).containsExactly(Map.entry("expression", "123 * 456"));
    }

    @Test
    void designToolExampleReadsOneSuccessfulResult() {
        Message message = mapper.readValue("""
                {"role": "tool", "content": [{"type": "tool_result", "toolUseId": "toolu_1", "content": "56088"}]}
                """, Message.class);

        assertThat(message.role()).isEqualTo(Role.TOOL);
        ToolResultBlock result = (ToolResultBlock) message.content().get(0);
        assertThat(result.toolUseId()).isEqualTo("toolu_1");
        assertThat(result.content()).containsExactly(new TextBlock("56088"));
        assertThat(result.isError()).isFalse();
    }

    @Test
    void designToolDefinitionReadsNameDescriptionAndSchema() {
        Tool tool = mapper.readValue("""
                {"name": "calculate", "description": "Evaluates arithmetic",
                 "parameters": {"type": "object", "properties": {"expression": {"type": "string"}}}}
                """, Tool.class);

        assertThat(tool.name()).isEqualTo("calculate");
        assertThat(tool.description()).isEqualTo("Evaluates arithmetic");
        assertThat(tool.parameters()).containsEntry("type", "object")
                .containsEntry("properties", Map.of("expression", Map.of("type", "string")));
    }

    @Test
    void messageOfOneTextBlockIsWrittenAsPlainString() {
        assertThat(mapper.writeValueAsString(Message.user("What is 2 + 2?")))
                .isEqualTo("{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}");
    }

    @Test
    void messageOfSeveralBlocksIsWrittenAsTypedArrayInDesignOrder() {
        Message message = Message.assistant(List.of(new TextBlock("I'll use the calculator."),
                new ToolUseBlock("toolu_1", "calculate", Map.of("expression", "123 * 456"))));

        assertThat(mapper.writeValueAsString(message)).isEqualTo("{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"I'll use the calculator.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"calculate\","
                + "\"arguments\":{\"expression\":\"123 * 456\"}}]}");
    }

    @Test
    void messageOfOneNonTextBlockIsStillWrittenAsArray() {
        String json = mapper.writeValueAsString(Message.tool("toolu_1", "56088"));

        assertSameJson(json, """
                {"role": "tool", "content": [{"type": "tool_result", "toolUseId": "toolu_1", "content": "56088"}]}""");
    }

    @Test
    void emptyContentIsWrittenAsEmptyArrayAndReadBack() {
        Message empty = Message.assistant(List.of());

        String json = mapper.writeValueAsString(empty);

        assertThat(json).isEqualTo("{\"role\":\"assistant\",\"content\":[]}");
        assertThat(mapper.readValue(json, Message.class)).isEqualTo(empty);
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void everyKindOfMessageRoundTrips(ObjectMapper anyMapper) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("expression", "123 * 456");
        arguments.put("precision", 2);
        arguments.put("hint", null);
        List<Message> conversation = List.of(
                Message.system("You are terse."),
                Message.user(List.of(new TextBlock("What is this?"), new ImageBlock("iVBORw0KGgo=", "image/png"))),
                Message.assistant(List.of(new TextBlock("Let me compute."), new ToolUseBlock("toolu_1", "calculate", arguments))),
                Message.tool(List.of(new ToolResultBlock("toolu_1", "56088"), ToolResultBlock.error("toolu_2", "no such tool"))),
                Message.assistant("56088"));

        for (Message message : conversation) {
            String json = anyMapper.writeValueAsString(message);
            assertThat(anyMapper.readValue(json, Message.class)).as(json).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"role\":\"system\",\"content\":\"Be brief.\"}",
            "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\",\"source\":\"AAAA\",\"mediaType\":\"image/jpeg\"}]}",
            "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"arguments\":{\"x\":[1,2.5,null,{\"y\":true}]}}]}",
            "{\"role\":\"tool\",\"content\":[{\"type\":\"tool_result\",\"toolUseId\":\"t1\",\"content\":\"boom\",\"isError\":true}]}",
            "{\"name\":\"calculate\",\"description\":\"Adds\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}"
    })
    void jsonLiteralsAreWrittenBackUnchanged(String json) {
        Class<?> type = json.startsWith("{\"name\"") ? Tool.class : Message.class;

        assertThat(mapper.writeValueAsString(mapper.readValue(json, type))).isEqualTo(json);
    }

    @Test
    void toolWithoutParametersReadsAsEmptyObjectSchemaAndRoundTrips() {
        Tool tool = mapper.readValue("{\"name\": \"now\"}", Tool.class);

        assertThat(tool.description()).isEmpty();
        assertThat(tool.parameters()).isEqualTo(Map.of("type", "object", "properties", Map.of()));
        assertThat(mapper.readValue(mapper.writeValueAsString(tool), Tool.class)).isEqualTo(tool);
    }

    @Test
    void designRequestReadsEveryOption() {
        LlmRequest request = mapper.readValue("""
                {"messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"name": "calculate", "description": "...", "parameters": {"type": "object", "properties": {}}}],
                 "maxTokens": 100, "temperature": 0.2, "stopSequences": ["END"], "extras": {"reasoning_effort": "low"}}
                """, LlmRequest.class);

        assertThat(request.messages()).containsExactly(Message.user("hi"));
        assertThat(request.tools()).extracting(Tool::name).containsExactly("calculate");
        assertThat(request.maxTokens()).isEqualTo(100);
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.stopSequences()).containsExactly("END");
        assertThat(request.extras()).containsExactly(Map.entry("reasoning_effort", "low"));
    }

    @Test
    void requestWithOnlyMessagesTakesTheDefaults() {
        LlmRequest request = mapper.readValue("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                LlmRequest.class);

        assertThat(request).isEqualTo(LlmRequest.of(List.of(Message.user("hi"))));
        assertThat(request.tools()).isEmpty();
        assertThat(request.maxTokens()).isNull();
        assertThat(request.temperature()).isNull();
        assertThat(request.stopSequences()).isEmpty();
        assertThat(request.extras()).isEmpty();
    }

    @Test
    void requestIsWrittenWithEveryFieldInDesignOrder() {
        LlmRequest request = LlmRequest.builder().message(Message.user("hi")).maxTokens(100).temperature(0.2).build();

        assertThat(mapper.writeValueAsString(request)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[],\"maxTokens\":100,\"temperature\":0.2,\"stopSequences\":[],\"extras\":{}}");
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void fullRequestRoundTrips(ObjectMapper anyMapper) {
        LlmRequest request = LlmRequest.builder()
                .messages(List.of(Message.system("Be brief."), Message.user("What is 123 * 456?")))
                .tools(List.of(new Tool("calculate", "Evaluates arithmetic",
                        Map.of("type", "object", "properties", Map.of("expression", Map.of("type", "string"))))))
                .maxTokens(256).temperature(0.0).stopSequences(List.of("\n\n"))
                .extras(Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 1024)))
                .build();

        assertThat(anyMapper.readValue(anyMapper.writeValueAsString(request), LlmRequest.class)).isEqualTo(request);
    }

    @Test
    void unknownPropertiesAreIgnoredSoAChatBodyReadsAsRequest() {
        LlmRequest request = mapper.readValue("""
                {"messages": [{"role": "user", "content": "hi", "name": "bob"}], "provider": "openai", "stream": true}
                """, LlmRequest.class);

        assertThat(request.messages()).containsExactly(Message.user("hi"));
    }

    @Test
    void unknownRoleIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> mapper.readValue("{\"role\": \"robot\", \"content\": \"hi\"}", Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("\"robot\"")
                .hasMessageContaining("system").hasMessageContaining("user")
                .hasMessageContaining("assistant").hasMessageContaining("tool");
    }

    @Test
    void upperCaseRoleIsRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"role\": \"USER\", \"content\": \"hi\"}", Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("\"USER\"");
    }

    @ParameterizedTest
    @MethodSource
    void messageWithoutRoleOrContentIsRejectedNamingTheProperty(String json, String expectedMessage) {
        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith(expectedMessage);
    }

    static Stream<Arguments> messageWithoutRoleOrContentIsRejectedNamingTheProperty() {
        return Stream.of(
                arguments("{\"content\": \"hi\"}", "Missing required creator property 'role'"),
                arguments("{\"role\": null, \"content\": \"hi\"}", "Invalid `null` value encountered for property \"role\""),
                arguments("{\"role\": \"user\"}", "Missing required creator property 'content'"),
                arguments("{\"role\": \"user\", \"content\": null}", "Invalid `null` value encountered for property \"content\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"42|a number", "{\"text\": \"hi\"}|an object", "true|a boolean"})
    void contentThatIsNeitherStringNorArrayIsRejected(String content, String described) {
        String json = "{\"role\": \"user\", \"content\": " + content + "}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("content must be a string or an array of content blocks, was " + described);
    }

    @ParameterizedTest
    @MethodSource
    void invalidRequestIsRejectedSayingWhy(String json, String expectedMessage) {
        assertThatThrownBy(() -> mapper.readValue(json, LlmRequest.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining(expectedMessage);
    }

    static Stream<Arguments> invalidRequestIsRejectedSayingWhy() {
        String hi = "{\"role\": \"user\", \"content\": \"hi\"}";
        return Stream.of(
                arguments("{}", "Missing required creator property 'messages'"),
                arguments("{\"messages\": []}", "messages must not be empty"),
                arguments("{\"messages\": [null]}", "Invalid `null` value encountered for property \"messages\""),
                arguments("{\"messages\": [" + hi + "], \"maxTokens\": 0}", "maxTokens must be >= 1, was 0"),
                arguments("{\"messages\": [" + hi + "], \"temperature\": -1}", "temperature must be a finite number >= 0, was -1.0"),
                arguments("{\"messages\": [" + hi + "], \"tools\": [null]}", "Invalid `null` value encountered for property \"tools\""),
                arguments("{\"messages\": [" + hi + "], \"tools\": [{\"description\": \"x\"}]}",
                        "Missing required creator property 'name'"),
                arguments("{\"messages\": [" + hi + "], \"stopSequences\": [null]}",
                        "Invalid `null` value encountered for property \"stopSequences\""));
    }

    @Test
    void contentBlockListElementsKeepTheirTypes() {
        Message message = mapper.readValue("""
                {"role": "user", "content": [{"type": "image", "source": "AAAA", "mediaType": "image/gif"},
                                             {"type": "text", "text": "and this?"}]}
                """, Message.class);

        assertThat(message.content()).extracting(ContentBlock::getClass)
                .containsExactly(ImageBlock.class, TextBlock.class);
    }
}

package io.arcllm.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import io.arcllm.LlmRequest;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.ToolResultBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Every way a body can be wrong gets a message that says where and what was expected. */
class ChatRequestReaderTests {

    // Like Spring Boot's mapper: lenient about unknown properties; the reader must still reject them.
    private final ChatRequestReader reader = new ChatRequestReader(
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void readsTheFullBodyIntoARequestAndAProvider() {
        ChatRequest chat = reader.read("""
                {"messages": [
                   {"role": "system", "content": "be brief"},
                   {"role": "user", "content": [{"type": "text", "text": "2+2?"}]},
                   {"role": "tool", "content": [{"type": "tool_result", "toolUseId": "t1", "content": "4"}]}],
                 "tools": [{"name": "calc", "description": "math", "parameters": {"type": "object", "properties": {}}}],
                 "maxTokens": 50, "temperature": 0.2, "stopSequences": ["END"], "provider": "openai"}""");

        LlmRequest request = chat.toLlmRequest();
        assertThat(chat.provider()).isEqualTo("openai");
        assertThat(request.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER, Role.TOOL);
        assertThat(request.messages().get(1).content()).containsExactly(new TextBlock("2+2?"));
        assertThat(request.messages().get(2).content()).containsExactly(new ToolResultBlock("t1", "4"));
        assertThat(request.tools()).singleElement().satisfies(tool -> assertThat(tool.name()).isEqualTo("calc"));
        assertThat(request.maxTokens()).isEqualTo(50);
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.stopSequences()).containsExactly("END");
    }

    @Test
    void optionsMayBeLeftOut() {
        ChatRequest chat = reader.read("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        LlmRequest request = chat.toLlmRequest();
        assertThat(chat.provider()).isNull();
        assertThat(request.tools()).isEmpty();
        assertThat(request.maxTokens()).isNull();
        assertThat(request.temperature()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidBodyIsRejectedSayingWhereAndWhy(String body, String field, String expected) {
        assertThatThrownBy(() -> reader.read(body).toLlmRequest())
                .isInstanceOfSatisfying(InvalidChatRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(expected).doesNotContain("tools.jackson").doesNotContain("io.arcllm");
                });
    }

    static Stream<Arguments> invalidBodyIsRejectedSayingWhereAndWhy() {
        return Stream.of(
                arguments("", null, "request body is missing"),
                arguments("{\"messages\": [", null, "request body is not valid JSON"),
                arguments("[1, 2]", null, "request body must be a JSON object"),
                arguments("{}", "messages", "'messages' is required"),
                arguments("{\"messages\": []}", "messages", "messages must not be empty"),
                arguments("{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", "messages[0].role",
                        "unknown role \"robot\"; use one of system, user, assistant, tool"),
                arguments("{\"messages\": [{\"content\": \"hi\"}]}", "messages[0].role", "'role'"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]}",
                        "messages[0].content[0]", "unknown content block type \"video\""),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}]}",
                        "messages[0].content[0]", "a content block needs a \"type\""),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": 42}]}", "messages[0].content",
                        "content must be a string or an array of content blocks"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"maxToken\": 5}", "maxToken",
                        "unknown property 'maxToken'; a chat request has messages, tools, maxTokens"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"maxTokens\": 0}", "maxTokens",
                        "maxTokens must be >= 1, was 0"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": \"x\", "
                        + "\"mediaType\": \"application/pdf\"}]}]}", "messages[0].content[0].mediaType",
                        "messages[0].content[0].mediaType must be one of image/png, image/jpeg, image/gif, image/webp"),
                arguments("{\"messages\": [null]}", "messages[0]", "must not be null"),
                arguments("{\"messages\": [{\"role\": 1, \"content\": \"hi\"}]}", "messages[0].role", "a role must be a string"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"name\": \"bob\"}]}",
                        "messages[0].name", "unknown property 'name'; a message has role, content"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"maxTokens\": 1.9}", "maxTokens",
                        "maxTokens: expected a whole number, got a fraction"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": 1e309}", "temperature",
                        "temperature: expected a finite number"),
                arguments("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
                        "tools[1].name", "tools[1].name must be unique"),
                arguments("{\"messages\": \"hi\"}", "messages", "messages: expected an array"));
    }
}

package io.arcllm.json;

import static io.arcllm.json.JsonMappers.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.Message;
import io.arcllm.TextBlock;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/** Content blocks: the {@code "type"} discriminator, the string-or-list content form, and bad blocks. */
class ContentJsonTests {

    private final JsonMapper mapper = JsonMappers.plain();

    @ParameterizedTest
    @MethodSource
    void eachBlockIsWrittenWithItsTypeDiscriminator(ContentBlock block, String expectedJson) {
        assertThat(mapper.writeValueAsString(block)).isEqualTo(expectedJson);
        assertThat(mapper.readValue(expectedJson, ContentBlock.class)).isEqualTo(block);
    }

    static Stream<Arguments> eachBlockIsWrittenWithItsTypeDiscriminator() {
        return Stream.of(
                arguments(new TextBlock("hi"), "{\"type\":\"text\",\"text\":\"hi\"}"),
                arguments(new ImageBlock("iVBORw0KGgo=", "image/png"),
                        "{\"type\":\"image\",\"source\":\"iVBORw0KGgo=\",\"mediaType\":\"image/png\"}"),
                arguments(new ToolUseBlock("toolu_1", "calculate", Map.of("expression", "123 * 456")),
                        "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"calculate\",\"arguments\":{\"expression\":\"123 * 456\"}}"),
                arguments(new ToolResultBlock("toolu_1", "56088"),
                        "{\"type\":\"tool_result\",\"toolUseId\":\"toolu_1\",\"content\":\"56088\"}"),
                arguments(ToolResultBlock.error("toolu_1", "division by zero"),
                        "{\"type\":\"tool_result\",\"toolUseId\":\"toolu_1\",\"content\":\"division by zero\",\"isError\":true}"));
    }

    @Test
    void designImageExampleReadsSourceAndMediaType() {
        ImageBlock image = (ImageBlock) mapper.readValue("""
                {"type": "image", "source": "R0lGODlhAQABAAAAACw=", "mediaType": "image/gif"}""", ContentBlock.class);

        assertThat(image.source()).isEqualTo("R0lGODlhAQABAAAAACw=");
        assertThat(image.mediaType()).isEqualTo("image/gif");
    }

    @Test
    void toolResultContentMayBeAListOfBlocks() {
        ToolResultBlock result = (ToolResultBlock) mapper.readValue("""
                {"type": "tool_result", "toolUseId": "toolu_9", "content": [
                    {"type": "text", "text": "chart:"},
                    {"type": "image", "source": "AAAA", "mediaType": "image/png"}]}
                """, ContentBlock.class);

        assertThat(result.content()).containsExactly(new TextBlock("chart:"), new ImageBlock("AAAA", "image/png"));
        assertThat(result.isError()).isFalse();
    }

    @Test
    void toolResultOfSeveralBlocksIsWrittenAsListAndReadBack() {
        ToolResultBlock result = new ToolResultBlock("toolu_9",
                List.of(new TextBlock("a"), new TextBlock("b")), false);

        String json = mapper.writeValueAsString(result);

        assertSameJson(json, """
                {"type": "tool_result", "toolUseId": "toolu_9",
                 "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}""");
        assertThat(mapper.readValue(json, ContentBlock.class)).isEqualTo(result);
    }

    @Test
    void toolResultContentStringReadsAsOneTextBlock() {
        ToolResultBlock result = (ToolResultBlock) mapper.readValue(
                "{\"type\": \"tool_result\", \"toolUseId\": \"t\", \"content\": \"56088\"}", ContentBlock.class);

        assertThat(result.content()).containsExactly(new TextBlock("56088"));
        assertThat(result.text()).isEqualTo("56088");
    }

    @Test
    void toolResultWithoutContentReadsAsEmptyResultAndIsWrittenAsEmptyList() {
        ToolResultBlock result = (ToolResultBlock) mapper.readValue(
                "{\"type\": \"tool_result\", \"toolUseId\": \"t\"}", ContentBlock.class);

        assertThat(result.content()).isEmpty();
        assertThat(mapper.writeValueAsString(result))
                .isEqualTo("{\"type\":\"tool_result\",\"toolUseId\":\"t\",\"content\":[]}");
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void isErrorIsOmittedWhenFalseAndDefaultsToFalse(ObjectMapper anyMapper) {
        assertThat(anyMapper.writeValueAsString(new ToolResultBlock("t", "ok"))).doesNotContain("isError");

        ToolResultBlock absent = (ToolResultBlock) anyMapper.readValue(
                "{\"type\": \"tool_result\", \"toolUseId\": \"t\", \"content\": \"ok\"}", ContentBlock.class);
        ToolResultBlock explicitFalse = (ToolResultBlock) anyMapper.readValue(
                "{\"type\": \"tool_result\", \"toolUseId\": \"t\", \"content\": \"ok\", \"isError\": false}", ContentBlock.class);
        ToolResultBlock explicitTrue = (ToolResultBlock) anyMapper.readValue(
                "{\"type\": \"tool_result\", \"toolUseId\": \"t\", \"content\": \"no\", \"isError\": true}", ContentBlock.class);

        assertThat(absent.isError()).isFalse();
        assertThat(explicitFalse.isError()).isFalse();
        assertThat(explicitTrue.isError()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void everyBlockRoundTripsInsideAMessage(ObjectMapper anyMapper) {
        Message message = Message.user(List.of(
                new TextBlock(""),
                new ImageBlock("iVBORw0KGgo=", "image/webp"),
                new ToolUseBlock("toolu_1", "search", Map.of("query", "jackson 3", "limit", 5)),
                new ToolResultBlock("toolu_1", List.of(new TextBlock("x"), new ImageBlock("AAAA", "image/png")), true)));

        String json = anyMapper.writeValueAsString(message);

        assertThat(anyMapper.readValue(json, Message.class)).isEqualTo(message);
    }

    @Test
    void unknownPropertiesInsideABlockAreIgnored() {
        ContentBlock block = mapper.readValue(
                "{\"type\": \"text\", \"text\": \"hi\", \"cache_control\": {\"type\": \"ephemeral\"}}", ContentBlock.class);

        assertThat(block).isEqualTo(new TextBlock("hi"));
    }

    @Test
    void unknownBlockTypeIsRejectedListingTheKnownTypes() {
        String json = "{\"role\": \"user\", \"content\": [{\"type\": \"video\", \"source\": \"AAAA\"}]}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(InvalidTypeIdException.class)
                .hasMessageContaining("'video'")
                .hasMessageContaining("known type ids = [image, text, thinking, tool_result, tool_use]");
    }

    @Test
    void blockWithoutTypeIsRejected() {
        String json = "{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(InvalidTypeIdException.class)
                .hasMessageContaining("missing type id property 'type'");
    }

    @ParameterizedTest
    @MethodSource
    void blockWithMissingOrNullRequiredFieldIsRejectedNamingIt(String block, String expectedMessage) {
        String json = "{\"role\": \"user\", \"content\": [" + block + "]}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith(expectedMessage);
    }

    static Stream<Arguments> blockWithMissingOrNullRequiredFieldIsRejectedNamingIt() {
        return Stream.of(
                arguments("{\"type\": \"text\"}", "Missing required creator property 'text'"),
                arguments("{\"type\": \"text\", \"text\": null}", "Invalid `null` value encountered for property \"text\""),
                arguments("{\"type\": \"image\", \"mediaType\": \"image/png\"}", "Missing required creator property 'source'"),
                arguments("{\"type\": \"image\", \"source\": \"AAAA\"}", "Missing required creator property 'mediaType'"),
                arguments("{\"type\": \"tool_use\", \"name\": \"f\"}", "Missing required creator property 'id'"),
                arguments("{\"type\": \"tool_use\", \"id\": \"t\"}", "Missing required creator property 'name'"),
                arguments("{\"type\": \"tool_result\", \"content\": \"x\"}", "Missing required creator property 'toolUseId'"));
    }

    @Test
    void errorPathPointsAtTheBadBlock() {
        String json = "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"ok\"}, {\"type\": \"text\"}]}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(DatabindException.class)
                .satisfies(e -> assertThat(((DatabindException) e).getPathReference())
                        .contains("Message[\"content\"]").contains("[1]").contains("TextBlock[\"text\"]"));
    }

    @Test
    void nonImageMediaTypeIsRejected() {
        String json = "{\"type\": \"image\", \"source\": \"AAAA\", \"mediaType\": \"application/pdf\"}";

        assertThatThrownBy(() -> mapper.readValue(json, ContentBlock.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("mediaType must be one of image/png, image/jpeg, image/gif, image/webp, was \"application/pdf\"");
    }

    @Test
    void nullBlockInContentIsRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"role\": \"user\", \"content\": [null]}", Message.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith("content block #0 must not be null");
    }

    @Test
    void toolResultContentThatIsNeitherStringNorArrayIsRejected() {
        String json = "{\"type\": \"tool_result\", \"toolUseId\": \"t\", \"content\": {\"value\": 56088}}";

        assertThatThrownBy(() -> mapper.readValue(json, ContentBlock.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith("content must be a string or an array of content blocks, was an object");
    }
}

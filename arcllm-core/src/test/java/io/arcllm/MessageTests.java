package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Messages and content blocks: factories, joined text, immutability, validation. */
class MessageTests {

    @Test
    void textFactoriesSetTheRoleAndWrapOneTextBlock() {
        assertThat(Message.system("s")).isEqualTo(new Message(Role.SYSTEM, List.of(new TextBlock("s"))));
        assertThat(Message.user("u")).isEqualTo(new Message(Role.USER, List.of(new TextBlock("u"))));
        assertThat(Message.assistant("a")).isEqualTo(new Message(Role.ASSISTANT, List.of(new TextBlock("a"))));
    }

    @Test
    void toolFactoryAnswersTheToolUseIdWithASuccessfulResult() {
        Message message = Message.tool("toolu_1", "56088");

        assertThat(message.role()).isEqualTo(Role.TOOL);
        ToolResultBlock result = (ToolResultBlock) message.content().get(0);
        assertThat(result.toolUseId()).isEqualTo("toolu_1");
        assertThat(result.text()).isEqualTo("56088");
        assertThat(result.isError()).isFalse();
    }

    @Test
    void errorResultIsFlaggedAsError() {
        ToolResultBlock result = ToolResultBlock.error("toolu_1", "division by zero");

        assertThat(result.isError()).isTrue();
        assertThat(result.text()).isEqualTo("division by zero");
    }

    @Test
    void assistantFromResponseRecordsTextThenOneToolUsePerCall() {
        LlmResponse response = new LlmResponse("Let me check.",
                List.of(new ToolCall("t1", "weather", Map.of("city", "Oslo")), new ToolCall("t2", "time", Map.of())),
                new Usage(10, 5), "m", StopReason.TOOL_USE, null, null);

        Message message = Message.assistant(response);

        assertThat(message.role()).isEqualTo(Role.ASSISTANT);
        assertThat(message.content()).containsExactly(new TextBlock("Let me check."),
                new ToolUseBlock("t1", "weather", Map.of("city", "Oslo")), new ToolUseBlock("t2", "time", Map.of()));
    }

    @Test
    void assistantFromToolOnlyResponseHasNoTextBlock() {
        LlmResponse response = new LlmResponse(null, List.of(new ToolCall("t1", "f", Map.of())),
                new Usage(1, 1), "m", StopReason.TOOL_USE, null, null);

        assertThat(Message.assistant(response).content()).containsExactly(new ToolUseBlock("t1", "f", Map.of()));
    }

    @Test
    void textJoinsOnlyTheTextBlocks() {
        Message message = Message.user(List.of(new TextBlock("What is "), new ImageBlock("AAAA", "image/png"),
                new TextBlock("this?")));

        assertThat(message.text()).isEqualTo("What is this?");
        assertThat(Message.tool("t", "x").text()).isEmpty();
    }

    @Test
    void contentIsCopiedSoLaterChangesToTheCallersListDoNotLeakIn() {
        List<ContentBlock> blocks = new ArrayList<>(List.of(new TextBlock("a")));
        Message message = Message.user(blocks);

        blocks.add(new TextBlock("b"));

        assertThat(message.content()).containsExactly(new TextBlock("a"));
        assertThatThrownBy(() -> message.content().add(new TextBlock("c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullContentBecomesEmptyButNullRoleIsRejected() {
        assertThat(new Message(Role.USER, null).content()).isEmpty();
        assertThatThrownBy(() -> new Message(null, List.of())).isInstanceOf(ArcLlmValidationException.class)
                .hasMessage("role must not be null");
    }

    @Test
    void toolUseArgumentsAreCopiedKeepingOrderAndNullValues() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("query", "x");
        arguments.put("filter", null);
        ToolUseBlock block = new ToolUseBlock("t", "search", arguments);

        arguments.put("query", "changed");

        assertThat(block.arguments()).containsEntry("query", "x").containsEntry("filter", null);
        assertThatThrownBy(() -> block.arguments().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new ToolUseBlock("t", "f", null).arguments()).isEmpty();
    }

    @Test
    void imageFromBytesIsBase64Encoded() {
        ImageBlock image = ImageBlock.of("GIF89a".getBytes(StandardCharsets.US_ASCII), "image/gif");

        assertThat(Base64.getDecoder().decode(image.source())).asString(StandardCharsets.US_ASCII).isEqualTo("GIF89a");
    }

    @Test
    void imageToStringShowsTheSizeNotTheBase64() {
        String base64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

        String text = new ImageBlock(base64, "image/png").toString();

        assertThat(text).contains("image/png").contains(base64.length() + " base64 chars").doesNotContain("iVBOR");
    }

    @Test
    void imageWithNonImageMediaTypeIsRejected() {
        assertThatThrownBy(() -> new ImageBlock("AAAA", "application/pdf"))
                .isInstanceOf(ArcLlmValidationException.class)
                .hasMessage("mediaType must be one of image/png, image/jpeg, image/gif, image/webp, was \"application/pdf\"");
    }
}

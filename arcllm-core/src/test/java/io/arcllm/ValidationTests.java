package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core types refuse values no provider should receive, naming the field. */
class ValidationTests {

    private static final List<Message> HI = List.of(Message.user("hi"));
    private static final String PNG = "iVBORw0KGgo=";

    private static ArcLlmValidationException failure(Runnable build) {
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(build::run);
        assertThat(error).isInstanceOf(ArcLlmValidationException.class);
        return (ArcLlmValidationException) error;
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.1})
    void temperatureMustBeFiniteAndNotNegative(double temperature) {
        ArcLlmValidationException error = failure(() -> LlmRequest.builder().messages(HI).temperature(temperature).build());

        assertThat(error.field()).isEqualTo("temperature");
        assertThat(error).hasMessageStartingWith("temperature must be a finite number >= 0, was ");
    }

    @Test
    void maxTokensMustBePositive() {
        assertThat(failure(() -> LlmRequest.builder().messages(HI).maxTokens(0).build()))
                .hasMessage("maxTokens must be >= 1, was 0");
    }

    @Test
    void nullElementsAreRefusedByIndex() {
        assertThat(failure(() -> LlmRequest.of(Arrays.asList(Message.user("a"), null))).field()).isEqualTo("messages[1]");
        assertThat(failure(() -> LlmRequest.builder().messages(HI).tools(Collections.singletonList(null)).build()).field())
                .isEqualTo("tools[0]");
        assertThat(failure(() -> LlmRequest.builder().messages(HI).stopSequences(Arrays.asList("x", null)).build()))
                .hasMessage("stopSequences[1] must not be null");
        assertThat(failure(() -> Message.user(Arrays.asList(new TextBlock("a"), null))).field()).isEqualTo("content[1]");
        assertThat(failure(() -> new Message(null, List.of())).field()).isEqualTo("role");
        assertThat(failure(() -> new TextBlock(null)).field()).isEqualTo("text");
    }

    @Test
    void emptyMessagesAndEmptyStopSequencesAreRefused() {
        assertThat(failure(() -> LlmRequest.of(List.of())).field()).isEqualTo("messages");
        assertThat(failure(() -> LlmRequest.builder().messages(HI).stopSequences(List.of("")).build()).field())
                .isEqualTo("stopSequences[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png\r\nX-Evil: 1", "image/svg+xml", "text/html", "image/", "IMAGE/PNG", ""})
    void onlyTheFourImageTypesEveryProviderAcceptsAreAllowed(String mediaType) {
        ArcLlmValidationException error = failure(() -> new ImageBlock(PNG, mediaType));

        assertThat(error.field()).isEqualTo("mediaType");
        assertThat(error.getMessage()).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void theFourImageTypesAreAccepted() {
        for (String type : List.of("image/png", "image/jpeg", "image/gif", "image/webp")) {
            assertThat(new ImageBlock(PNG, type).mediaType()).isEqualTo(type);
        }
        assertThat(ImageBlock.of(new byte[] {1, 2, 3, 4}, "image/png").source()).isEqualTo("AQIDBA==");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "abc", "QQ=A", "QQ===", "data:image/png;base64,QQ==", "QUJD\nREVG"})
    void imageSourceMustBeBase64(String source) {
        assertThat(failure(() -> new ImageBlock(source, "image/png")).field()).isEqualTo("source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dot.name", "x\r\nX-Evil: 1",
            "a234567890123456789012345678901234567890123456789012345678901234x"})
    void toolNamesFollowTheProvidersRule(String name) {
        ArcLlmValidationException error = failure(() -> new Tool(name, "d", null));

        assertThat(error.field()).isEqualTo("name");
        assertThat(error.getMessage()).contains("1 to 64 letters, digits").doesNotContain("\n");
    }

    @Test
    void toolNamesAreUnique() {
        List<Tool> tools = List.of(new Tool("get_weather", "", null), new Tool("calc", "", null), new Tool("get_weather", "", null));

        assertThat(failure(() -> LlmRequest.builder().messages(HI).tools(tools).build()))
                .hasMessage("tools[2].name must be unique, \"get_weather\" is also the name of tools[0]");
    }

    @Test
    void toolUseAndResultIdsMustNotBeEmpty() {
        assertThat(failure(() -> new ToolUseBlock("", "calc", null)).field()).isEqualTo("id");
        assertThat(failure(() -> new ToolUseBlock("t1", "", null)).field()).isEqualTo("name");
        assertThat(failure(() -> new ToolResultBlock("", "42")).field()).isEqualTo("toolUseId");
    }

    @Test
    void aNestedFailureNamesThePathFromTheEnclosingValue() {
        ArcLlmValidationException error = new ArcLlmValidationException("content[0].source", "must be base64").within("messages[2]");

        assertThat(error).hasMessage("messages[2].content[0].source must be base64");
        assertThat(error.field()).isEqualTo("messages[2].content[0].source");
        assertThat(error.problem()).isEqualTo("must be base64");
    }

    @Test
    void limitsHaveDocumentedDefaults() {
        assertThat(RequestLimits.defaults()).isEqualTo(new RequestLimits(2048, 128, 32L * 1024 * 1024));
    }

    @Test
    void limitsRefuseTooManyMessagesAndTools() {
        List<Message> many = new ArrayList<>(Collections.nCopies(11, Message.user("x")));
        RequestLimits limits = RequestLimits.defaults().withMaxMessages(10).withMaxTools(1);

        assertThat(failure(() -> limits.check(LlmRequest.of(many)))).hasMessage("messages must hold at most 10 messages, has 11");
        LlmRequest twoTools = LlmRequest.builder().messages(HI).tools(List.of(new Tool("a", "", null), new Tool("b", "", null))).build();
        assertThat(failure(() -> limits.check(twoTools))).hasMessage("tools must hold at most 1 tools, has 2");
        assertThat(limits.check(LlmRequest.of(many.subList(0, 10)))).isNotNull();
    }

    @Test
    void limitsRefuseARequestLargerThanTheSizeLimit() {
        RequestLimits limits = RequestLimits.defaults().withMaxRequestBytes(1000);

        assertThat(limits.check(LlmRequest.of(List.of(Message.user("x".repeat(800)))))).isNotNull();
        assertThat(failure(() -> limits.check(LlmRequest.of(List.of(Message.user("x".repeat(1000)))))))
                .hasMessage("request must be at most 1000 bytes of JSON, is larger");
    }

    @Test
    void limitsOutOfRangeAreAConfigError() {
        assertThatThrownBy(() -> RequestLimits.defaults().withMaxMessages(0))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("max-messages must be >= 1, was 0");
        assertThatThrownBy(() -> RequestLimits.defaults().withMaxTools(-1)).isInstanceOf(ArcLlmConfigException.class);
        assertThatThrownBy(() -> RequestLimits.defaults().withMaxRequestBytes(0)).isInstanceOf(ArcLlmConfigException.class);
    }
}

package io.arcllm.adapter.compatible;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shape check itself fails on what OpenAI's request schema does not allow, so a passing check means something. */
class ChatCompletionsShapeTests {

    @Test
    void acceptsAFullRequest() {
        assertThatCode(() -> ChatCompletionsShape.assertValid("""
                {"model":"llama3.2","messages":[{"role":"system","content":"s"},{"role":"user","content":"u"},
                 {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"r"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","anything":1}}}],
                 "tool_choice":"required","max_tokens":10,"temperature":0.2,"stop":["x"]}""")).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnUnknownTopLevelField() {
        assertThatThrownBy(() -> ChatCompletionsShape.assertValid("""
                {"model":"m","messages":[{"role":"user","content":"u"}],"max_output_tokens":5}"""))
                .hasMessageContaining("$.max_output_tokens");
    }

    @Test
    void rejectsAnUnknownFieldInsideAMessage() {
        assertThatThrownBy(() -> ChatCompletionsShape.assertValid("""
                {"model":"m","messages":[{"role":"user","content":"u","reasoning_content":"r"}]}"""))
                .hasMessageContaining("reasoning_content");
    }

    @Test
    void rejectsAWrongTypeAndAnAnthropicBody() {
        assertThatThrownBy(() -> ChatCompletionsShape.assertValid("""
                {"model":"m","messages":[{"role":"user","content":"u"}],"max_tokens":"ten"}"""))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ChatCompletionsShape.assertValid("""
                {"model":"m","max_tokens":5,"system":"s","messages":[{"role":"user","content":[{"type":"tool_result",
                 "tool_use_id":"t","content":"r"}]}]}""")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ChatCompletionsShape.assertValid("""
                {"model":"m","messages":[{"role":"user","content":"u"}],"tool_choice":"any"}"""))
                .isInstanceOf(AssertionError.class);
    }
}

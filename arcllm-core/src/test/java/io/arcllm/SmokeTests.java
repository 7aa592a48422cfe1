package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmokeTests {
    @Test
    void messageTextJoinsTextBlocks() {
        Message m = Message.user(List.of(new TextBlock("a"), new TextBlock("b")));
        assertThat(m.text()).isEqualTo("ab");
    }
}

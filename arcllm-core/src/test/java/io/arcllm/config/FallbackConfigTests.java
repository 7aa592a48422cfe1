package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;

class FallbackConfigTests {

    @Test
    void defaultsAreAnEmptyChainWalkedBeforeRetries() {
        assertThat(FallbackConfig.defaults().chain()).isEmpty();
        assertThat(FallbackConfig.defaults().afterRetries()).isFalse();
    }

    @Test
    void rejectsAnInvalidProviderIdInTheChain() {
        assertThatThrownBy(() -> FallbackConfig.builder().chain("openai", "Open AI").build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageStartingWith("chain: invalid provider id 'Open AI'");
    }

    @Test
    void rejectsANullChain() {
        assertThatThrownBy(() -> FallbackConfig.builder().chain((List<String>) null).build())
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("chain must not be null");
    }

    @Test
    void theChainIsCopiedAndUnmodifiable() {
        List<String> chain = new ArrayList<>(List.of("openai"));
        FallbackConfig config = FallbackConfig.builder().chain(chain).afterRetries(true).build();
        chain.add("anthropic");

        assertThat(config.chain()).containsExactly("openai");
        assertThat(config.afterRetries()).isTrue();
        assertThatThrownBy(() -> config.chain().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}

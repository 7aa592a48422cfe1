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
                .hasMessageStartingWith("chain holds an invalid provider id 'Open AI'");
    }

    @Test
    void rejectsARepeatedIdNamingThePropertyAndTheId() {
        assertThatThrownBy(() -> FallbackConfig.builder().chain("openai", "openai").build())
                .isInstanceOfSatisfying(ArcLlmConfigException.class, e -> assertThat(e.property()).hasValue("chain"))
                .hasMessageStartingWith("chain names 'openai' more than once");
    }

    @Test
    void aRepeatedIdCannotMultiplyAttemptsThroughTheRegistry() {
        io.arcllm.module.FakeAdapters adapters = new io.arcllm.module.FakeAdapters();
        io.arcllm.ProviderRegistry registry = io.arcllm.ProviderRegistry.builder().adapterFactory(adapters).build();

        assertThatThrownBy(() -> registry.load("anthropic", null, LoadOptions.builder()
                .retry(r -> r.maxRetries(2)).fallback(f -> f.chain("openai", "openai")).build()))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("'openai' more than once");
        assertThatThrownBy(() -> io.arcllm.ProviderRegistry.builder().adapterFactory(adapters)
                .override("anthropic", LoadOptions.builder().fallback(f -> f.chain("openai", "openai")).build()).build())
                .isInstanceOf(ArcLlmConfigException.class);
        assertThat(adapters.invocations("openai")).isZero();
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

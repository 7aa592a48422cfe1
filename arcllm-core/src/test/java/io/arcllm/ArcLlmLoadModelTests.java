package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.LoadOptions;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The static facade: {@code ArcLlm.loadModel(...)} over a cached default registry. */
class ArcLlmLoadModelTests {

    private static final ProviderRegistry WITH_KEYS = ProviderRegistry.builder()
            .env(name -> name.endsWith("_API_KEY") ? "sk-test-" + name : null).build();

    @AfterEach
    void forgetTheDefaultRegistry() {
        ArcLlm.clearCache();
    }

    @Test
    void anUnknownProviderIsAConfigErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> ArcLlm.loadModel("cohere"))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("unknown provider 'cohere'; known providers: anthropic, deepseek, fireworks, groq, huggingface, mistral, ollama, openai, together, vllm");
    }

    @Test
    void anInvalidProviderIdIsAConfigError() {
        assertThatThrownBy(() -> ArcLlm.loadModel("Anthropic!"))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageStartingWith("invalid provider id 'Anthropic!'");
    }

    @Test
    void theDefaultRegistryIsCachedUntilClearCache() {
        ProviderRegistry first = ArcLlm.registry();

        assertThat(ArcLlm.registry()).isSameAs(first);
        ArcLlm.clearCache();
        assertThat(ArcLlm.registry()).isNotSameAs(first);
    }

    @Test
    void loadModelOverloadsPassProviderModelAndOptionsThrough() {
        ArcLlm.useRegistry(WITH_KEYS);

        assertThat(ArcLlm.loadModel("anthropic")).as("no module: the adapter (a handle on it)")
                .isNotInstanceOf(io.arcllm.module.BaseModule.class).asString().startsWith("AnthropicAdapter[");
        assertThat(ArcLlm.loadModel("anthropic", "claude-haiku-4-5-20251001").modelName())
                .isEqualTo("claude-haiku-4-5-20251001");
        LlmProvider withRetry = ArcLlm.loadModel("anthropic", LoadOptions.builder()
                .retry(r -> r.maxRetries(5)).fallback(f -> f.chain("openai")).build());
        assertThat(withRetry).isInstanceOf(RetryModule.class);
        assertThat(((RetryModule) withRetry).config().maxRetries()).isEqualTo(5);
        assertThat(((RetryModule) withRetry).inner()).isInstanceOf(FallbackModule.class);
        LlmProvider named = ArcLlm.loadModel("openai", "gpt-4o-mini",
                LoadOptions.builder().retry(r -> r.backoffBase(Duration.ofMillis(500))).build());
        assertThat(named.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(named.name()).isEqualTo("openai");
    }

    @Test
    void aMissingKeyNamesTheVariableAndNeverAValue() {
        ArcLlm.useRegistry(ProviderRegistry.builder().env(name -> null).build());

        assertThatThrownBy(() -> ArcLlm.loadModel("openai"))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }
}

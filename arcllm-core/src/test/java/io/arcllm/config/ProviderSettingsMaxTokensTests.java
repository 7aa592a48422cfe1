package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token limit of a request that sets none: modest by default, never above the model's maximum. */
class ProviderSettingsMaxTokensTests {

    private final ProviderSettings anthropic = ProviderCatalog.builtIn().find("anthropic").orElseThrow();
    private final ProviderSettings openai = ProviderCatalog.builtIn().find("openai").orElseThrow();

    @Test
    void defaultsTo4096NotTheModelsMaximumOutput() {
        assertThat(anthropic.model("claude-sonnet-4-20250514").orElseThrow().maxOutputTokens()).isEqualTo(64_000);
        assertThat(anthropic.maxTokensFor("claude-sonnet-4-20250514")).isEqualTo(4096);
        assertThat(openai.maxTokensFor("gpt-4o")).isEqualTo(4096);
        assertThat(openai.maxTokensFor("a-model-the-catalog-does-not-know")).isEqualTo(ProviderSettings.DEFAULT_MAX_TOKENS);
    }

    @Test
    void aModelWithASmallerMaximumGetsItsMaximum() {
        ProviderSettings small = anthropic.toBuilder()
                .model("tiny", new ModelMetadata(8000, 1000, false, false, false, 0, 0, 0, 0)).build();
        assertThat(small.maxTokensFor("tiny")).isEqualTo(1000);
    }

    @Test
    void aConfiguredDefaultReplaces4096AndIsStillCappedByTheModel() {
        ProviderSettings configured = anthropic.toBuilder().defaultMaxTokens(20_000).build();
        assertThat(configured.maxTokensFor("claude-sonnet-4-20250514")).isEqualTo(20_000);
        assertThat(openai.toBuilder().defaultMaxTokens(50_000).build().maxTokensFor("gpt-4o")).isEqualTo(16_384);
    }
}

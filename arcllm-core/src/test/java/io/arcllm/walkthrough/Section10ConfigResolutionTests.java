package io.arcllm.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/**
 * Walkthrough §10: module config resolves in 4 levels — {@code false} disables, settings enable and merge
 * over the global settings, {@code true} enables with the global settings, absent follows the global flag.
 */
class Section10ConfigResolutionTests {

    /** The config.toml of this test: retry on globally, with 4 retries and a 2 s base. */
    private static final ModuleDefaults RETRY_ON = ModuleDefaults.builder()
            .retryEnabled(true)
            .retry(r -> r.maxRetries(4).backoffBase(Duration.ofSeconds(2)))
            .build();

    private static ProviderRegistry registry(ModuleDefaults modules) {
        return ProviderRegistry.builder().env(Keys.ENV).modules(modules).build();
    }

    @Test
    void globalDefaultsShipWithEveryModuleOff() {
        ModuleDefaults defaults = ModuleDefaults.defaults();

        assertThat(defaults.retryEnabled()).isFalse();
        assertThat(defaults.retry()).isEqualTo(RetryConfig.defaults());
        assertThat(defaults.retry().maxRetries()).isEqualTo(3);
        assertThat(defaults.retry().backoffBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.retry().maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.retry().retryableStatusCodes()).containsExactly(429, 500, 502, 503, 529);
        assertThat(defaults.fallbackEnabled()).isFalse();
        assertThat(defaults.fallback()).isEqualTo(FallbackConfig.defaults());
        assertThat(defaults.fallback().chain()).isEmpty();
        assertThat(defaults.fallback().afterRetries()).isFalse();
    }

    @Test
    void level1FalseDisablesEvenWhenGloballyEnabled() {
        LlmProvider model = registry(RETRY_ON).load("anthropic", null, LoadOptions.builder().retry(false).build());

        assertThat(io.arcllm.internal.ProviderHandle.unwrap(model)).isExactlyInstanceOf(AnthropicAdapter.class);
    }

    @Test
    void level2SettingsEnableAndMergeOverTheGlobalSettings() {
        LlmProvider model = registry(ModuleDefaults.builder().retry(r -> r.backoffBase(Duration.ofSeconds(2))).build())
                .load("anthropic", null, LoadOptions.builder().retry(r -> r.maxRetries(5)).build());

        RetryConfig config = ((RetryModule) model).config();
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.backoffBase()).as("kept from the global settings").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void level3TrueEnablesWithTheGlobalSettingsEvenWhenGloballyDisabled() {
        ModuleDefaults retryOffWith4 = RETRY_ON.toBuilder().retryEnabled(false).build();

        LlmProvider model = registry(retryOffWith4).load("anthropic", null, LoadOptions.builder().retry(true).build());

        assertThat(model).isInstanceOf(RetryModule.class);
        assertThat(((RetryModule) model).config().maxRetries()).isEqualTo(4);
    }

    @Test
    void level4NoOverrideFollowsTheGlobalFlag() {
        assertThat(registry(RETRY_ON).load("anthropic")).isInstanceOf(RetryModule.class);
        assertThat(((RetryModule) registry(RETRY_ON).load("anthropic")).config().maxRetries()).isEqualTo(4);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(registry(ModuleDefaults.defaults()).load("anthropic"))).isExactlyInstanceOf(AnthropicAdapter.class);
    }

    @Test
    void globalFallbackSettingsApplyWhenEnabledWithTrue() {
        ModuleDefaults modules = ModuleDefaults.builder().fallback(f -> f.chain("openai")).build();

        LlmProvider model = registry(modules).load("anthropic", null, LoadOptions.builder().fallback(true).build());

        assertThat(((FallbackModule) model).config().chain()).containsExactly("openai");
    }

    @Test
    void aCallOverrideWinsOverTheProvidersOwnOverride() {
        ProviderRegistry registry = ProviderRegistry.builder().env(Keys.ENV)
                .override("anthropic", LoadOptions.builder().retry(r -> r.maxRetries(7)).build())
                .build();

        assertThat(((RetryModule) registry.load("anthropic")).config().maxRetries()).isEqualTo(7);
        RetryConfig merged = ((RetryModule) registry.load("anthropic", null,
                LoadOptions.builder().retry(r -> r.maxWait(Duration.ofSeconds(9))).build())).config();
        assertThat(merged.maxRetries()).as("provider's own setting kept").isEqualTo(7);
        assertThat(merged.maxWait()).isEqualTo(Duration.ofSeconds(9));
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(registry.load("anthropic", null, LoadOptions.builder().retry(false).build())))
                .isExactlyInstanceOf(AnthropicAdapter.class);
        assertThat(registry.load("openai")).as("overrides are per provider").isNotInstanceOf(RetryModule.class);
    }
}

package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;

/** The 4-level rule, per module, and how override layers combine. */
class ModuleResolutionTests {

    private static final RetryConfig GLOBAL = RetryConfig.builder().maxRetries(4).build();

    private static Optional<RetryConfig> resolve(ModuleOverride<RetryConfig.Builder> override, boolean globalEnabled) {
        return override.resolve(globalEnabled, GLOBAL, RetryConfig.KIND);
    }

    @Test
    void level1DisabledWinsOverAnEnabledGlobalFlag() {
        assertThat(ModuleOverride.<RetryConfig.Builder>disabled().level()).isEqualTo(1);
        assertThat(resolve(ModuleOverride.disabled(), true)).isEmpty();
    }

    @Test
    void level2SettingsEnableAndMergeOverTheGlobalSettings() {
        ModuleOverride<RetryConfig.Builder> override = ModuleOverride.with(r -> r.maxWait(Duration.ofSeconds(5)));

        assertThat(override.level()).isEqualTo(2);
        assertThat(resolve(override, false)).contains(GLOBAL.toBuilder().maxWait(Duration.ofSeconds(5)).build());
    }

    @Test
    void level3EnabledUsesTheGlobalSettingsWhateverTheFlag() {
        assertThat(ModuleOverride.<RetryConfig.Builder>enabled().level()).isEqualTo(3);
        assertThat(resolve(ModuleOverride.enabled(), false)).contains(GLOBAL);
    }

    @Test
    void level4InheritFollowsTheGlobalFlag() {
        assertThat(ModuleOverride.<RetryConfig.Builder>inherit().level()).isEqualTo(4);
        assertThat(resolve(ModuleOverride.inherit(), true)).contains(GLOBAL);
        assertThat(resolve(ModuleOverride.inherit(), false)).isEmpty();
    }

    @Test
    void invalidSettingsFailResolutionNamingTheProperty() {
        assertThatThrownBy(() -> resolve(ModuleOverride.with(r -> r.maxRetries(-2)), false))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("max-retries must be >= 0, was -2");
    }

    @Test
    void theConfigurationShapeMapsToTheFourLevels() {
        assertThat(ModuleOverride.<RetryConfig.Builder>of(false, r -> r.maxRetries(1)).level()).isEqualTo(1);
        assertThat(ModuleOverride.<RetryConfig.Builder>of(null, r -> r.maxRetries(1)).level()).isEqualTo(2);
        assertThat(ModuleOverride.<RetryConfig.Builder>of(true, r -> r.maxRetries(1)).level()).isEqualTo(2);
        assertThat(ModuleOverride.<RetryConfig.Builder>of(true, null).level()).isEqualTo(3);
        assertThat(ModuleOverride.<RetryConfig.Builder>of(null, null).level()).isEqualTo(4);
    }

    @Test
    void withoutOverridesTheGlobalFlagsDecide() {
        ModuleDefaults global = ModuleDefaults.builder().retryEnabled(true).retry(GLOBAL).build();

        ModuleResolution resolution = ModuleResolution.resolve(global);

        assertThat(resolution.get(RetryConfig.KIND)).contains(GLOBAL);
        assertThat(resolution.get(FallbackConfig.KIND)).isEmpty();
        assertThat(ModuleResolution.resolve(ModuleDefaults.defaults()).retry()).isNull();
        assertThat(ModuleResolution.resolve(ModuleDefaults.defaults()).fallback()).isNull();
    }

    @Test
    void laterLayersWinAndSettingsAccumulate() {
        LoadOptions provider = LoadOptions.builder().retry(r -> r.maxRetries(7)).fallback(f -> f.chain("openai")).build();
        LoadOptions call = LoadOptions.builder().retry(r -> r.maxWait(Duration.ofSeconds(9))).fallback(false).build();

        ModuleResolution resolution = ModuleResolution.resolve(ModuleDefaults.defaults(), provider, call);

        assertThat(resolution.retry()).isEqualTo(RetryConfig.builder().maxRetries(7).maxWait(Duration.ofSeconds(9)).build());
        assertThat(resolution.fallback()).isNull();
    }

    @Test
    void enablingAfterALayerDisabledStartsAgainFromTheGlobalSettings() {
        ModuleDefaults global = ModuleDefaults.builder().retry(GLOBAL).build();
        LoadOptions provider = LoadOptions.builder().retry(false).build();
        LoadOptions call = LoadOptions.builder().retry(true).build();

        assertThat(ModuleResolution.resolve(global, provider, call).retry()).isEqualTo(GLOBAL);
    }

    @Test
    void loadOptionsExposeTheirOverridesAndDefaultToInherit() {
        LoadOptions options = LoadOptions.builder().retry(true).build();

        assertThat(options.retry().level()).isEqualTo(3);
        assertThat(options.fallback().level()).isEqualTo(4);
        assertThat(LoadOptions.none().retry().level()).isEqualTo(4);
        assertThat(options.toBuilder().retry(ModuleOverride.inherit()).build().retry().level()).isEqualTo(4);
        assertThat(options).hasToString("LoadOptions[retry=enabled, fallback=inherit]");
    }
}

package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arcllm.LlmProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 4-level rule, cell by cell: global flag on/off × the anthropic bean's override absent / false / true /
 * settings, for each module, observed on the {@code anthropicLlmProvider} bean's module chain.
 */
class ModuleOverrideMatrixTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY,
                    "arcllm.modules.retry.max-retries=2", "arcllm.modules.retry.backoff-base=2s",
                    "arcllm.modules.fallback.chain=openai");

    @ParameterizedTest(name = "global retry {0}, override {1} -> max-retries {2}")
    @CsvSource(nullValues = "off", value = {
            "true,  absent,   2",
            "true,  false,    off",
            "true,  true,     2",
            "true,  settings, 5",
            "false, absent,   off",
            "false, false,    off",
            "false, true,     2",
            "false, settings, 5"})
    void retryFollowsTheFourLevelRule(boolean globalEnabled, String override, Integer expectedMaxRetries) {
        List<String> properties = new ArrayList<>(List.of("arcllm.modules.retry.enabled=" + globalEnabled));
        switch (override) {
            case "false" -> properties.add("arcllm.providers.anthropic.modules.retry.enabled=false");
            case "true" -> properties.add("arcllm.providers.anthropic.modules.retry.enabled=true");
            case "settings" -> properties.add("arcllm.providers.anthropic.modules.retry.max-retries=5");
            default -> { }
        }
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            LlmProvider model = context.getBean("anthropicLlmProvider", LlmProvider.class);
            Optional<RetryModule> retry = ModuleChain.find(model, RetryModule.class);
            if (expectedMaxRetries == null) {
                assertThat(retry).isEmpty();
                assertThat(ModuleChain.names(model)).containsExactly("AnthropicAdapter");
            } else {
                assertThat(ModuleChain.names(model)).containsExactly("RetryModule", "AnthropicAdapter");
                assertThat(retry.orElseThrow().config().maxRetries()).isEqualTo(expectedMaxRetries);
                assertThat(retry.orElseThrow().config().backoffBase()).as("global setting kept").isEqualTo(Duration.ofSeconds(2));
            }
        });
    }

    @ParameterizedTest(name = "global fallback {0}, override {1} -> after-retries {2}")
    @CsvSource(nullValues = "off", value = {
            "true,  absent,   false",
            "true,  false,    off",
            "true,  true,     false",
            "true,  settings, true",
            "false, absent,   off",
            "false, false,    off",
            "false, true,     false",
            "false, settings, true"})
    void fallbackFollowsTheFourLevelRule(boolean globalEnabled, String override, Boolean expectedAfterRetries) {
        List<String> properties = new ArrayList<>(List.of("arcllm.modules.fallback.enabled=" + globalEnabled));
        switch (override) {
            case "false" -> properties.add("arcllm.providers.anthropic.modules.fallback.enabled=false");
            case "true" -> properties.add("arcllm.providers.anthropic.modules.fallback.enabled=true");
            case "settings" -> properties.add("arcllm.providers.anthropic.modules.fallback.after-retries=true");
            default -> { }
        }
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            LlmProvider model = context.getBean("anthropicLlmProvider", LlmProvider.class);
            Optional<FallbackModule> fallback = ModuleChain.find(model, FallbackModule.class);
            if (expectedAfterRetries == null) {
                assertThat(fallback).isEmpty();
                assertThat(ModuleChain.names(model)).containsExactly("AnthropicAdapter");
            } else {
                assertThat(ModuleChain.names(model)).containsExactly("FallbackModule", "AnthropicAdapter");
                assertThat(fallback.orElseThrow().config().afterRetries()).isEqualTo(expectedAfterRetries);
                assertThat(fallback.orElseThrow().config().chain()).as("global chain kept").containsExactly("openai");
            }
        });
    }

    @ParameterizedTest(name = "override enabled: false wins over settings for {0}")
    @CsvSource({"retry, max-retries=5", "fallback, chain=openai"})
    void enabledFalseWinsOverSettings(String module, String setting) {
        runner.withPropertyValues("arcllm.modules." + module + ".enabled=true",
                "arcllm.providers.anthropic.modules." + module + ".enabled=false",
                "arcllm.providers.anthropic.modules." + module + "." + setting).run(context ->
                assertThat(ModuleChain.names(context.getBean("anthropicLlmProvider", LlmProvider.class)))
                        .containsExactly("AnthropicAdapter"));
    }
}

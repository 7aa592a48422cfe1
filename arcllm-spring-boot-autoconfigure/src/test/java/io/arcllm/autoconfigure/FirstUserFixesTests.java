package io.arcllm.autoconfigure;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.FallbackConfig;
import io.arcllm.module.internal.FallbackModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** Startup checks and properties a first user needs: repeated chain ids, fallback triggers, token limits, messages. */
class FirstUserFixesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY, "OPENAI_API_KEY=" + OPENAI_KEY);

    private void failsWith(String message, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(ArcLlmConfigException.class));
        runner.withPropertyValues(properties).run(context -> {
            Throwable failure = context.getStartupFailure();
            ArcLlmConfigException config = findConfigException(failure);
            assertThat(config).hasMessageStartingWith(message);
        });
    }

    private static ArcLlmConfigException findConfigException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ArcLlmConfigException config) {
                return config;
            }
        }
        throw new AssertionError("no ArcLlmConfigException in " + failure);
    }

    @Test
    void aRepeatedIdInTheGlobalChainFailsAtStartupNamingThePropertyAndTheId() {
        failsWith("arcllm.modules.fallback.chain names 'openai' more than once",
                "arcllm.modules.fallback.enabled=true", "arcllm.modules.fallback.chain=openai,openai",
                "arcllm.modules.retry.max-retries=2");
    }

    @Test
    void aRepeatedIdInAProvidersChainFailsAtStartupNamingThePropertyAndTheId() {
        failsWith("arcllm.providers.anthropic.modules.fallback.chain names 'openai' more than once",
                "arcllm.providers.anthropic.modules.fallback.chain=openai,openai");
    }

    @Test
    void durationsInMessagesAreWrittenAsInConfiguration() {
        failsWith("arcllm.modules.retry.backoff-base must be > 0, was 0s", "arcllm.modules.retry.backoff-base=0s");
        failsWith("arcllm.modules.retry.max-wait must be > 0, was -500ms", "arcllm.modules.retry.max-wait=-500ms");
        failsWith("arcllm.providers.anthropic.modules.retry.backoff-base must be > 0, was 0s",
                "arcllm.providers.anthropic.modules.retry.backoff-base=0s");
        failsWith("arcllm.providers.openai.read-timeout must be > 0, was 0s", "arcllm.providers.openai.read-timeout=0s");
    }

    @Test
    void fallbackTriggersBindGloballyAndPerProvider() {
        runner.withPropertyValues("arcllm.modules.fallback.enabled=true", "arcllm.modules.fallback.chain=openai",
                "arcllm.modules.fallback.on=429,503,transport,timeout",
                "arcllm.providers.openai.modules.fallback.on=any",
                "arcllm.providers.openai.modules.fallback.chain=anthropic").run(context -> {
            assertThat(fallbackOf(context, "anthropicLlmProvider").on())
                    .containsExactlyInAnyOrder("429", "503", "transport", "timeout");
            assertThat(fallbackOf(context, "openaiLlmProvider").on()).containsExactly("any");
        });
        failsWith("arcllm.modules.fallback.on must hold any, transport, timeout or HTTP status codes",
                "arcllm.modules.fallback.on=4xx");
    }

    @Test
    void theDefaultFallbackTriggerIsAny() {
        runner.withPropertyValues("arcllm.modules.fallback.enabled=true", "arcllm.modules.fallback.chain=openai")
                .run(context -> assertThat(fallbackOf(context, "anthropicLlmProvider").on()).containsExactly("any"));
    }

    @Test
    void aProvidersDefaultMaxTokensIsConfigurableAndTheDefaultIsModest() {
        runner.withPropertyValues("arcllm.providers.openai.default-max-tokens=1200").run(context -> {
            ProviderRegistry registry = context.getBean(ProviderRegistry.class);
            assertThat(registry.settings("anthropic").maxTokensFor("claude-sonnet-4-20250514")).isEqualTo(4096);
            assertThat(registry.settings("openai").maxTokensFor("gpt-4o")).isEqualTo(1200);
        });
        failsWith("arcllm.providers.openai.default-max-tokens must be > 0, was 0", "arcllm.providers.openai.default-max-tokens=0");
    }

    @Test
    void anUnknownModuleNameFailsAtStartupNamingTheKey() {
        runner.withPropertyValues("arcllm.modules.retyr.max-retries=3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("arcllm.modules.retyr.max-retries"));
        runner.withPropertyValues("arcllm.providers.openai.modules.retyr.max-retries=3").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("arcllm.providers.openai.modules.retyr.max-retries"));
    }

    /** The fallback settings of a provider bean's stack, as its calls use them. */
    private static FallbackConfig fallbackOf(ApplicationContext context, String bean) {
        return ModuleChain.find(context.getBean(bean, LlmProvider.class), FallbackModule.class).orElseThrow().config();
    }
}

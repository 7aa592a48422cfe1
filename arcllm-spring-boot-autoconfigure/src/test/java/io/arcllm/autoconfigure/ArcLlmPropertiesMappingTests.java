package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RequestDefaultsModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code arcllm.*} property reaches the core object it configures. */
class ArcLlmPropertiesMappingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY);

    @Test
    void providerPropertiesOverrideTheCatalogSettings() {
        runner.withPropertyValues(
                "arcllm.providers.anthropic.base-url=https://llm-gateway.example.com/anthropic",
                "arcllm.providers.anthropic.default-model=claude-haiku-4-5-20251001",
                "arcllm.providers.anthropic.connect-timeout=3s",
                "arcllm.providers.anthropic.read-timeout=2m",
                "arcllm.providers.anthropic.stream-first-event-timeout=20s",
                "arcllm.providers.anthropic.stream-idle-timeout=5s",
                "arcllm.providers.anthropic.max-response-size=2MB",
                "arcllm.providers.anthropic.api-key-env=GATEWAY_KEY",
                "arcllm.providers.anthropic.models.claude-haiku-4-5-20251001.max-output-tokens=1000",
                "arcllm.providers.anthropic.models.claude-haiku-4-5-20251001.input-price=0.5",
                "arcllm.providers.anthropic.models.my-finetune.context-window=100000",
                "arcllm.providers.anthropic.models.my-finetune.max-output-tokens=4000",
                "arcllm.providers.anthropic.models.my-finetune.supports-tools=true",
                "arcllm.providers.anthropic.models.my-finetune.supports-vision=true",
                "arcllm.providers.anthropic.models.my-finetune.supports-thinking=true",
                "arcllm.providers.anthropic.models.my-finetune.input-price=1.5",
                "arcllm.providers.anthropic.models.my-finetune.output-price=7.5",
                "arcllm.providers.anthropic.models.my-finetune.cache-read-price=0.15",
                "arcllm.providers.anthropic.models.my-finetune.cache-write-price=1.9").run(context -> {
            ProviderSettings settings = context.getBean(ProviderRegistry.class).settings("anthropic");
            assertThat(settings.apiFormat()).isEqualTo(ApiFormat.ANTHROPIC);
            assertThat(settings.baseUrl()).hasToString("https://llm-gateway.example.com/anthropic");
            assertThat(settings.defaultModel()).isEqualTo("claude-haiku-4-5-20251001");
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(settings.streamFirstEventTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(settings.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.maxResponseBytes()).isEqualTo(2L * 1024 * 1024);
            assertThat(settings.apiKeyEnv()).isEqualTo("GATEWAY_KEY");
            assertThat(settings.resolveApiKey(name -> null).reveal()).isEqualTo(ANTHROPIC_KEY);
            ModelMetadata haiku = settings.model("claude-haiku-4-5-20251001").orElseThrow();
            assertThat(haiku.maxOutputTokens()).isEqualTo(1000);
            assertThat(haiku.inputPrice()).isEqualTo(0.5);
            assertThat(haiku.contextWindow()).as("kept from the catalog").isEqualTo(200_000);
            assertThat(haiku.outputPrice()).as("kept from the catalog").isEqualTo(5.00);
            assertThat(settings.model("my-finetune")).contains(
                    new ModelMetadata(100_000, 4000, true, true, true, 1.5, 7.5, 0.15, 1.9));
            assertThat(settings.model("claude-opus-4-1-20250805")).as("other catalog models stay").isPresent();
            assertThat(context.getBean(LlmProvider.class).modelName()).isEqualTo("claude-haiku-4-5-20251001");
        });
    }

    @Test
    void globalStreamTimeoutsApplyToEveryProviderThatSetsNoneOfItsOwn() {
        runner.withPropertyValues("arcllm.defaults.stream-first-event-timeout=15s", "arcllm.defaults.stream-idle-timeout=4s",
                "arcllm.providers.anthropic.stream-idle-timeout=9s").run(context -> {
            ProviderRegistry registry = context.getBean(ProviderRegistry.class);
            assertThat(registry.settings("anthropic").streamFirstEventTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(registry.settings("anthropic").streamIdleTimeout()).as("its own wins").isEqualTo(Duration.ofSeconds(9));
            assertThat(registry.settings("openai").streamFirstEventTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(registry.settings("openai").streamIdleTimeout()).isEqualTo(Duration.ofSeconds(4));
        });
    }

    @Test
    void aGlobalStreamTimeoutOfZeroFailsStartupNamingTheProperty() {
        runner.withPropertyValues("arcllm.defaults.stream-idle-timeout=0s").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause()
                .hasMessageContaining("arcllm.defaults.stream-idle-timeout").hasMessageContaining("must be > 0, was 0s"));
    }

    @Test
    void apiKeyEnvNamesTheVariableThatMakesAProviderAvailable() {
        runner.withPropertyValues("arcllm.providers.openai.api-key-env=TEAM_OPENAI_KEY", "TEAM_OPENAI_KEY=" + OPENAI_KEY)
                .run(context -> {
                    assertThat(context).hasBean("openaiLlmProvider");
                    assertThat(context.getBean(ProviderRegistry.class).settings("openai").apiKeyEnv()).isEqualTo("TEAM_OPENAI_KEY");
                });
    }

    @Test
    void aNewProviderIdTakesItsTypeUrlModelAndReadsItsKeyFromItsOwnVariable() {
        runner.withPropertyValues("arcllm.providers.groq.type=openai",
                "arcllm.providers.groq.base-url=https://api.groq.com/openai",
                "arcllm.providers.groq.default-model=llama-3.3-70b-versatile", "GROQ_API_KEY=gsk-fake").run(context -> {
            ProviderSettings groq = context.getBean(ProviderRegistry.class).settings("groq");
            assertThat(groq.apiFormat()).isEqualTo(ApiFormat.OPENAI);
            assertThat(groq.baseUrl()).hasToString("https://api.groq.com/openai");
            assertThat(groq.apiKeyEnv()).isEqualTo("GROQ_API_KEY");
            assertThat(groq.apiKey()).isNull();
            assertThat(context.getBean("groqLlmProvider", LlmProvider.class).modelName()).isEqualTo("llama-3.3-70b-versatile");
        });
    }

    @Test
    void typeOfABuiltInIdChangesItsApiFormat() {
        runner.withPropertyValues("arcllm.providers.openai.type=anthropic", "arcllm.providers.openai.api-key=" + OPENAI_KEY)
                .run(context -> assertThat(context.getBean(ProviderRegistry.class).settings("openai").apiFormat())
                        .isEqualTo(ApiFormat.ANTHROPIC));
    }

    @Test
    void globalModulePropertiesBecomeTheModuleDefaults() {
        runner.withPropertyValues("arcllm.modules.retry.enabled=true", "arcllm.modules.retry.max-retries=6",
                "arcllm.modules.retry.backoff-base=250ms", "arcllm.modules.retry.max-wait=20s",
                "arcllm.modules.retry.retryable-status-codes=429,503", "arcllm.modules.fallback.enabled=true",
                "arcllm.modules.fallback.chain=openai", "arcllm.modules.fallback.after-retries=true").run(context -> {
            // anthropic has no override of its own: its stack has the global settings.
            LlmProvider model = context.getBean(LlmProvider.class);
            assertThat(ModuleChain.find(model, RetryModule.class).orElseThrow().config()).isEqualTo(new RetryConfig(6,
                    Duration.ofMillis(250), Duration.ofSeconds(20), java.util.Set.of(429, 503)));
            assertThat(ModuleChain.find(model, FallbackModule.class).orElseThrow().config())
                    .isEqualTo(new FallbackConfig(List.of("openai"), true));
            assertThat(ModuleChain.names(model)).containsExactly("FallbackModule", "RetryModule", "AnthropicAdapter");
        });
    }

    @Test
    void providerModuleSettingsAreMergedOverTheGlobalOnes() {
        runner.withPropertyValues("arcllm.modules.retry.max-retries=2", "arcllm.modules.retry.backoff-base=2s",
                "arcllm.modules.fallback.after-retries=true",
                "arcllm.providers.anthropic.modules.retry.max-retries=5",
                "arcllm.providers.anthropic.modules.retry.max-wait=9s",
                "arcllm.providers.anthropic.modules.retry.retryable-status-codes=529",
                "arcllm.providers.anthropic.modules.fallback.chain=openai",
                "arcllm.providers.anthropic.modules.fallback.after-retries=false").run(context -> {
            LlmProvider model = context.getBean(LlmProvider.class);
            assertThat(ModuleChain.find(model, RetryModule.class).orElseThrow().config()).isEqualTo(new RetryConfig(5,
                    Duration.ofSeconds(2), Duration.ofSeconds(9), java.util.Set.of(529)));
            assertThat(ModuleChain.find(model, FallbackModule.class).orElseThrow().config())
                    .isEqualTo(new FallbackConfig(List.of("openai"), false));
            assertThat(ModuleChain.names(model)).containsExactly("RetryModule", "FallbackModule", "AnthropicAdapter");
            assertThat(((RetryModule) model).config().maxRetries()).isEqualTo(5);
            assertThat(ModuleChain.find(model, FallbackModule.class).orElseThrow().config().chain()).containsExactly("openai");
        });
    }

    @Test
    void providerBackoffBaseOverrideIsApplied() {
        runner.withPropertyValues("arcllm.providers.anthropic.modules.retry.backoff-base=300ms").run(context -> {
            RetryModule retry = (RetryModule) context.getBean(LlmProvider.class);
            assertThat(retry.config().backoffBase()).isEqualTo(Duration.ofMillis(300));
            assertThat(retry.config().maxRetries()).isEqualTo(RetryConfig.DEFAULT_MAX_RETRIES);
        });
    }

    @Test
    void modulesOnlyEntryConfiguresAnApplicationBeanWithoutCreatingAProvider() {
        runner.withUserConfiguration(LocalModelConfiguration.class)
                .withPropertyValues("arcllm.providers.local.modules.retry.max-retries=1").run(context -> {
                    assertThat(context).doesNotHaveBean("localLlmProvider");
                    LlmProvider bean = context.getBean("localModel", LlmProvider.class);
                    assertThat(ModuleChain.names(bean)).containsExactly("RetryModule", "StubProvider");
                    assertThat(((RetryModule) bean).config().maxRetries()).isEqualTo(1);
                });
    }

    @Test
    void requestDefaultsFillOnlyWhatARequestLeavesUnset() {
        runner.withUserConfiguration(LocalModelConfiguration.class)
                .withPropertyValues("arcllm.defaults.max-tokens=300", "arcllm.defaults.temperature=0.3").run(context -> {
                    LlmProvider bean = context.getBean("localModel", LlmProvider.class);
                    StubProvider stub = (StubProvider) ModuleChain.bottom(bean);
                    bean.call(LlmRequest.of(List.of(Message.user("hi"))));
                    bean.call(LlmRequest.builder().message(Message.user("hi")).maxTokens(50).temperature(0.0).build());
                    assertThat(stub.requests).extracting(LlmRequest::maxTokens).containsExactly(300, 50);
                    assertThat(stub.requests).extracting(LlmRequest::temperature).containsExactly(0.3, 0.0);
                    assertThat(context.getBean(LlmProvider.class)).isInstanceOf(RequestDefaultsModule.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class LocalModelConfiguration {
        @Bean
        LlmProvider localModel() {
            return new StubProvider("local");
        }
    }
}

package io.arcllm.autoconfigure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.internal.ProviderHandle;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.OpenAiAdapter;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class ArcLlmAutoConfigurationTests {

    static final String ANTHROPIC_KEY = "sk-ant-FAKE-3f9c1e7a-must-never-print";
    static final String OPENAI_KEY = "sk-proj-FAKE-8b2d4c6e-must-never-print";

    // The blank key variables hide any real ANTHROPIC_API_KEY / OPENAI_API_KEY of the machine running the tests.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=");

    @Test
    void providesRegistryAndAnthropicBeanWithoutModulesWhenOnlyTheAnthropicKeyIsInTheEnvironment() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ProviderRegistry.class).hasSingleBean(LlmProvider.class);
            assertThat(context).hasBean("anthropicLlmProvider").doesNotHaveBean("openaiLlmProvider");
            LlmProvider model = context.getBean(LlmProvider.class);
            assertThat(ProviderHandle.unwrap(model)).isInstanceOf(AnthropicAdapter.class);
            assertThat(model.name()).isEqualTo("anthropic");
            assertThat(model.modelName()).isEqualTo("claude-sonnet-4-20250514");
            assertThat(model).isNotInstanceOf(BaseModule.class);
        });
    }

    @Test
    void registersOneBeanPerProviderWithAKeyAndMakesTheDefaultProviderPrimary() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY, "arcllm.providers.openai.api-key=" + OPENAI_KEY,
                "arcllm.defaults.provider=openai").run(context -> {
            assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("anthropicLlmProvider", "openaiLlmProvider");
            assertThat(ProviderHandle.unwrap(context.getBean(LlmProvider.class))).isInstanceOf(OpenAiAdapter.class);
            assertThat(context.getBean(LlmProvider.class).name()).isEqualTo("openai");
        });
    }

    @Test
    void builtInProviderWithABaseUrlAndKeyGetsABeanTalkingToThatUrl() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY,
                "arcllm.providers.openai.base-url=http://localhost:8089", "arcllm.providers.openai.api-key=" + OPENAI_KEY)
                .run(context -> {
                    assertThat(context).hasBean("openaiLlmProvider");
                    assertThat(context.getBean(ProviderRegistry.class).settings("openai").baseUrl())
                            .hasToString("http://localhost:8089");
                });
    }

    @Test
    void configuredProviderIdGetsABeanSpeakingItsType() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY,
                "arcllm.providers.local.type=openai", "arcllm.providers.local.base-url=http://127.0.0.1:11434",
                "arcllm.providers.local.default-model=llama3.1", "arcllm.providers.local.api-key=local-key").run(context -> {
            LlmProvider local = context.getBean("localLlmProvider", LlmProvider.class);
            assertThat(ProviderHandle.unwrap(local)).isInstanceOf(OpenAiAdapter.class);
            assertThat(local.name()).isEqualTo("local");
            assertThat(local.modelName()).isEqualTo("llama3.1");
            assertThat(context.getBean(LlmProvider.class).name()).isEqualTo("anthropic");
        });
    }

    @Test
    void providerConfiguredThroughEnvironmentVariablesGetsItsBean() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY)
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "ARCLLM_PROVIDERS_LOCAL_TYPE", "openai",
                                "ARCLLM_PROVIDERS_LOCAL_BASEURL", "http://127.0.0.1:11434",
                                "ARCLLM_PROVIDERS_LOCAL_DEFAULTMODEL", "llama3.1",
                                "ARCLLM_PROVIDERS_LOCAL_APIKEY", "local-key"))))
                .run(context -> {
                    LlmProvider local = context.getBean("localLlmProvider", LlmProvider.class);
                    assertThat(ProviderHandle.unwrap(local)).isInstanceOf(OpenAiAdapter.class);
                    assertThat(local.modelName()).isEqualTo("llama3.1");
                });
    }

    @Test
    void providerEntryWithOnlyModuleSettingsGetsNoBeanOfItsOwn() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY,
                "arcllm.providers.custom.modules.retry.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasBean("anthropicLlmProvider").doesNotHaveBean("customLlmProvider");
            assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("anthropicLlmProvider");
        });
    }

    @Test
    void wrapsAnApplicationDefinedProviderInTheConfiguredModules() {
        runner.withUserConfiguration(CustomProviderConfiguration.class)
                .withPropertyValues("arcllm.modules.retry.enabled=true", "arcllm.modules.retry.max-retries=4")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("anthropicLlmProvider");
                    LlmProvider bean = context.getBean("customProvider", LlmProvider.class);
                    assertThat(ModuleChain.names(bean)).containsExactly("RetryModule", "StubProvider");
                    assertThat(((RetryModule) bean).config().maxRetries()).isEqualTo(4);
                    assertThat(bean.call(LlmRequest.of(java.util.List.of(Message.user("hi")))).content()).isEqualTo("ok");
                });
    }

    @Test
    void leavesAnApplicationBeanThatIsAlreadyAModuleAlone() {
        runner.withUserConfiguration(AlreadyWrappedConfiguration.class)
                .withPropertyValues("arcllm.modules.retry.enabled=true", "arcllm.modules.fallback.enabled=true",
                        "arcllm.modules.fallback.chain=openai")
                .run(context -> {
                    LlmProvider bean = context.getBean("wrappedProvider", LlmProvider.class);
                    assertThat(ModuleChain.names(bean)).containsExactly("RetryModule", "StubProvider");
                    assertThat(((RetryModule) bean).config().maxRetries()).isEqualTo(7);
                });
    }

    @Test
    void whenUserDefinesABeanNamedLikeOursThenOursBacksOffAndTheirsIsPrimary() {
        runner.withUserConfiguration(ReplacingConfiguration.class)
                .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY, "OPENAI_API_KEY=" + OPENAI_KEY).run(context -> {
                    assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("anthropicLlmProvider", "openaiLlmProvider");
                    assertThat(context.getBean("anthropicLlmProvider")).isInstanceOf(StubProvider.class);
                    assertThat(context.getBean(LlmProvider.class)).isInstanceOf(StubProvider.class);
                    assertThat(ProviderHandle.unwrap(context.getBean("openaiLlmProvider", LlmProvider.class))).isInstanceOf(OpenAiAdapter.class);
                });
    }

    @Test
    void anApplicationPrimaryProviderStaysPrimary() {
        runner.withUserConfiguration(PrimaryProviderConfiguration.class)
                .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY).run(context -> {
                    assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("anthropicLlmProvider", "myPrimary");
                    assertThat(context.getBean(LlmProvider.class).name()).isEqualTo("mine");
                });
    }

    @Test
    void whenUserDefinesARegistryThenOursBacksOffAndProviderBeansUseTheirs() {
        runner.withUserConfiguration(CustomRegistryConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ProviderRegistry.class);
            assertThat(context.getBean(ProviderRegistry.class)).isSameAs(context.getBean("myRegistry"));
            assertThat(context.getBean(LlmProvider.class)).isInstanceOf(RetryModule.class);
        });
    }

    @Test
    void invalidConfigurationFailsAtStartupEvenWithLazyInitialization() {
        runner.withUserConfiguration(CustomProviderConfiguration.class)
                .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withPropertyValues("arcllm.modules.retry.max-retries=-1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseMessage("max-retries must be >= 0, was -1"));
    }

    @Test
    void staysOutWithoutWebClientOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(WebClient.class))
                .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ProviderRegistry.class).doesNotHaveBean(LlmProvider.class)
                            .doesNotHaveBean(ArcLlmProperties.class);
                });
    }

    @Test
    void closesProviderBeansWithTheContext() {
        AtomicReference<LlmProvider> ours = new AtomicReference<>();
        AtomicReference<StubProvider> theirs = new AtomicReference<>();
        runner.withUserConfiguration(CustomProviderConfiguration.class)
                .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY, "arcllm.modules.retry.enabled=true").run(context -> {
                    ours.set(context.getBean("anthropicLlmProvider", LlmProvider.class));
                    theirs.set((StubProvider) ModuleChain.bottom(context.getBean("customProvider", LlmProvider.class)));
                    assertThat(ours.get().validateConfig()).isTrue();
                });
        assertThat(ours.get().validateConfig()).as("closed adapter").isFalse();
        assertThat(theirs.get().closed).isTrue();
    }

    @Test
    void apiKeyNeverShowsInToStringOfBeansOrProperties() {
        runner.withPropertyValues("arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY, "OPENAI_API_KEY=" + OPENAI_KEY,
                "arcllm.modules.retry.enabled=true").run(context -> {
            StringBuilder shown = new StringBuilder();
            context.getBeansOfType(LlmProvider.class).values().forEach(bean -> shown.append(bean).append(ModuleChain.layers(bean)));
            ProviderRegistry registry = context.getBean(ProviderRegistry.class);
            shown.append(registry).append(registry.settings("anthropic")).append(registry.settings("openai"));
            ArcLlmProperties properties = context.getBean(ArcLlmProperties.class);
            shown.append(properties).append(properties.getProviders()).append(properties.getProviders().get("anthropic"));
            assertThat(shown.toString()).contains("anthropic").doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomProviderConfiguration {
        @Bean
        LlmProvider customProvider() {
            return new StubProvider("custom");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AlreadyWrappedConfiguration {
        @Bean
        LlmProvider wrappedProvider() {
            return new RetryModule(RetryConfig.builder().maxRetries(7).build(), new StubProvider("custom"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ReplacingConfiguration {
        @Bean
        LlmProvider anthropicLlmProvider() {
            return new StubProvider("anthropic");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryProviderConfiguration {
        @Bean
        @Primary
        LlmProvider myPrimary() {
            return new StubProvider("mine");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomRegistryConfiguration {
        @Bean
        ProviderRegistry myRegistry() {
            return ProviderRegistry.builder()
                    .env(name -> name.equals("ANTHROPIC_API_KEY") ? ANTHROPIC_KEY : null)
                    .modules(io.arcllm.config.ModuleDefaults.builder().retryEnabled(true).build())
                    .build();
        }
    }
}

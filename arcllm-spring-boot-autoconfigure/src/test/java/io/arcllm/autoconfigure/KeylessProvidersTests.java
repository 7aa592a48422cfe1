package io.arcllm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.internal.OpenAiDialect;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Beans of the key-optional local providers (ollama, vllm): only when asked for, never because they are built in. */
class KeylessProvidersTests {

    // Blank key variables hide the machine's real keys; OLLAMA_API_KEY and VLLM_API_KEY are set to show they alone
    // never create a bean pointing at localhost.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=sk-ant-FAKE-keyless-tests", "OPENAI_API_KEY=", "GROQ_API_KEY=",
                    "OLLAMA_API_KEY=ollama-cloud-key", "VLLM_API_KEY=vllm-key");

    @Test
    void aBuiltInLocalProviderGetsNoBeanJustBecauseItIsBuiltInOrItsKeyVariableIsSet() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("anthropicLlmProvider");
        });
    }

    @Test
    void aConfiguredBaseUrlGivesABeanThatNeedsNoKey() {
        runner.withPropertyValues("OLLAMA_API_KEY=", "arcllm.providers.ollama.base-url=http://127.0.0.1:11435")
                .run(context -> {
                    assertThat(context.getBeansOfType(LlmProvider.class))
                            .containsOnlyKeys("anthropicLlmProvider", "ollamaLlmProvider");
                    LlmProvider ollama = context.getBean("ollamaLlmProvider", LlmProvider.class);
                    assertThat(ollama.name()).isEqualTo("ollama");
                    assertThat(ollama.modelName()).isEqualTo("llama3.2");
                    ProviderSettings settings = context.getBean(ProviderRegistry.class).settings("ollama");
                    assertThat(settings.keyRequired()).isFalse();
                    assertThat(OpenAiDialect.of(settings).name()).isEqualTo("ollama");
                    assertThat(context.getBean(LlmProvider.class).name()).as("the default stays primary").isEqualTo("anthropic");
                });
    }

    @Test
    void theDefaultProviderGetsABeanWithItsBuiltInLocalhostUrl() {
        runner.withPropertyValues("arcllm.defaults.provider=vllm").run(context -> {
            assertThat(context).hasNotFailed().hasBean("vllmLlmProvider").doesNotHaveBean("ollamaLlmProvider");
            assertThat(context.getBean(LlmProvider.class).name()).isEqualTo("vllm");
        });
    }

    @Test
    void withTheDefaultLeftUnsetAndNoKeyForItTheConfiguredLocalProviderIsTheOnlyBean() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=", "arcllm.providers.ollama.base-url=http://localhost:11434")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(LlmProvider.class)).containsOnlyKeys("ollamaLlmProvider");
                });
    }

    @Test
    void aNamedDefaultWithoutAKeyStillFailsAtStartupTellingHowToFixIt() {
        runner.withPropertyValues("ANTHROPIC_API_KEY=", "arcllm.defaults.provider=anthropic",
                "arcllm.providers.ollama.base-url=http://localhost:11434")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ANTHROPIC_API_KEY"));
    }

    @Test
    void aCustomServerCanBeKeyOptionalAndChooseADialect() {
        runner.withPropertyValues("arcllm.providers.lmstudio.type=openai",
                "arcllm.providers.lmstudio.base-url=http://127.0.0.1:1234", "arcllm.providers.lmstudio.default-model=qwen3",
                "arcllm.providers.lmstudio.key-required=false", "arcllm.providers.lmstudio.dialect=vllm").run(context -> {
                    assertThat(context.getBean("lmstudioLlmProvider", LlmProvider.class).modelName()).isEqualTo("qwen3");
                    ProviderSettings settings = context.getBean(ProviderRegistry.class).settings("lmstudio");
                    assertThat(settings.keyRequired()).isFalse();
                    assertThat(OpenAiDialect.of(settings).maxTokensField()).isEqualTo("max_tokens");
                });
    }

    @Test
    void anUnknownDialectFailsAtStartupNamingTheProperty() {
        runner.withPropertyValues("arcllm.providers.ollama.base-url=http://localhost:11434",
                "arcllm.providers.ollama.dialect=lmstudio")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("arcllm.providers.ollama.dialect"));
    }
}

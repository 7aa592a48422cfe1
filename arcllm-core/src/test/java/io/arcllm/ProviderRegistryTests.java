package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.RetryConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ProviderRegistryTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final FakeAdapters adapters = new FakeAdapters().script("anthropic", OK).script("openai", OK);

    @Test
    void anUnknownIdIsRejectedListingTheKnownOnes() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).build();

        assertThatThrownBy(() -> registry.load("cohere"))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("unknown provider 'cohere'; known providers: anthropic, deepseek, fireworks, groq, huggingface, mistral, ollama, openai, together, vllm");
    }

    @Test
    void anInvalidIdIsRejectedBeforeAnyLookup() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).build();

        for (String bad : new String[] {"", "Anthropic", "1openai", "open-ai", "a".repeat(65)}) {
            assertThatThrownBy(() -> registry.load(bad)).isInstanceOf(ArcLlmConfigException.class)
                    .hasMessageStartingWith("invalid provider id");
        }
        assertThatThrownBy(() -> registry.load(null)).isInstanceOf(ArcLlmConfigException.class);
    }

    @Test
    void aMissingKeyIsAConfigErrorNamingTheVariableNotAValue() {
        ProviderRegistry registry = ProviderRegistry.builder().env(name -> null).build();

        assertThatThrownBy(() -> registry.load("anthropic"))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void aGlobalChainNamingAnUnknownProviderFailsAtBuild() {
        ModuleDefaults modules = ModuleDefaults.builder().fallback(f -> f.chain("cohere")).build();

        assertThatThrownBy(() -> ProviderRegistry.builder().modules(modules).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("chain names unknown provider 'cohere'; known providers: anthropic, deepseek, fireworks, groq, "
                        + "huggingface, mistral, ollama, openai, together, vllm");
    }

    @Test
    void aProviderOverrideChainNamingAnUnknownProviderFailsAtBuild() {
        assertThatThrownBy(() -> ProviderRegistry.builder()
                .override("anthropic", LoadOptions.builder().fallback(f -> f.chain("nope")).build()).build())
                .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("'nope'");
    }

    @Test
    void aCallChainNamingAnUnknownProviderFailsAtLoad() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).build();

        assertThatThrownBy(() -> registry.load("anthropic", null, LoadOptions.builder().fallback(f -> f.chain("nope")).build()))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("'nope'");
        assertThat(adapters.loads("anthropic")).as("no adapter was created and leaked").isZero();
    }

    @Test
    void wrapDecoratesAnApplicationProviderWithTheModulesResolvedForItsName() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                .override("custom", LoadOptions.builder().retry(true).fallback(f -> f.chain("openai")).build())
                .build();
        FakeProvider custom = FakeProvider.scripted("custom", apiError(500));

        LlmProvider wrapped = registry.wrap(custom);

        assertThat(wrapped).isInstanceOf(RetryModule.class);
        assertThat(((RetryModule) wrapped).inner()).isInstanceOf(FallbackModule.class);
        assertThat(wrapped.invoke(MESSAGES).block()).isSameAs(OK);
        assertThat(adapters.invocations("openai")).isEqualTo(1);
    }

    @Test
    void wrapReturnsTheProviderUnchangedWhenNothingIsOnOrItIsAlreadyAModule() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).build();
        FakeProvider plain = FakeProvider.scripted("custom");
        RetryModule module = new RetryModule(io.arcllm.config.RetryConfig.defaults(), plain);
        ProviderRegistry retryEverywhere = ProviderRegistry.builder()
                .modules(ModuleDefaults.builder().retryEnabled(true).build()).build();

        assertThat(registry.wrap(plain)).isSameAs(plain);
        assertThat(retryEverywhere.wrap(module)).isSameAs(module);
        assertThat(retryEverywhere.wrap(plain)).isInstanceOf(RetryModule.class);
    }

    @Test
    void fallbacksRunWithTheirOwnRetryButNeverTheirOwnChain() {
        FakeAdapters counting = new FakeAdapters().answer("anthropic", request -> reactor.core.publisher.Mono.error(apiError(500)))
                .script("openai", apiError(500), OK);
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(counting)
                .override("openai", LoadOptions.builder().retry(r -> r.maxRetries(1)).fallback(f -> f.chain("anthropic")).build())
                .build();
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().fallback(f -> f.chain("openai").afterRetries(true)).build());

        StepVerifier.withVirtualTime(() -> model.invoke(MESSAGES))
                .thenAwait(java.time.Duration.ofMinutes(5))
                .expectNext(OK).verifyComplete();
        assertThat(counting.invocations("openai")).as("openai's own retry applies").isEqualTo(2);
        assertThat(counting.invocations("anthropic")).as("openai's own chain does not").isEqualTo(1);
    }

    @Test
    void aFallbackWithoutAKeyCountsAsAFailedFallback() {
        FakeAdapters openAiWithoutKey = new FakeAdapters().script("anthropic", apiError(500)).withoutKey("openai");
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(openAiWithoutKey).build();
        LlmProvider model = registry.load("anthropic", null, LoadOptions.builder().fallback(f -> f.chain("openai")).build());

        StepVerifier.create(model.invoke(MESSAGES)).verifyErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(ArcLlmApiException.class);
            assertThat(error.getSuppressed()).singleElement().isInstanceOf(ArcLlmConfigException.class)
                    .extracting(Throwable::getMessage).asString().contains("openai");
        });
    }

    @Test
    void exposesIdsCatalogSettingsAndModules() {
        ProviderRegistry registry = ProviderRegistry.builder().build();

        assertThat(registry.ids()).containsExactly("anthropic", "deepseek", "fireworks", "groq", "huggingface", "mistral",
                "ollama", "openai", "together", "vllm");
        assertThat(registry.settings("openai").defaultModel()).isEqualTo("gpt-4o");
        assertThat(registry.catalog().ids()).isEqualTo(registry.ids());
        assertThat(registry.resolve("anthropic", LoadOptions.none()).retry()).isNull();
        assertThat(registry.resolve("anthropic", LoadOptions.none()).fallback()).isNull();
    }

    @Test
    void overridesAreKeptPerProviderAndDoNotLeakIntoOthers() {
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                .override("anthropic", LoadOptions.builder().retry(true).build()).build();

        assertThat(registry.resolve("anthropic", LoadOptions.none()).get(RetryConfig.KIND)).isPresent();
        assertThat(registry.resolve("openai", LoadOptions.none()).get(RetryConfig.KIND)).isEmpty();
    }

    @Test
    void requestDefaultsFillWhatARequestLeavesUnsetOnLoadedProvidersAndTheirFallbacks() {
        List<LlmRequest> seenByOpenAi = new java.util.ArrayList<>();
        FakeAdapters recording = new FakeAdapters().script("anthropic", apiError(500))
                .answer("openai", request -> {
                    seenByOpenAi.add(request);
                    return reactor.core.publisher.Mono.just(OK);
                });
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(recording).requestDefaults(300, 0.3)
                .override("anthropic", LoadOptions.builder().fallback(f -> f.chain("openai")).build())
                .build();

        registry.load("anthropic").invoke(MESSAGES).block();
        registry.load("openai").invoke(LlmRequest.builder().messages(MESSAGES).maxTokens(50).temperature(0.0).build()).block();

        assertThat(seenByOpenAi).extracting(LlmRequest::maxTokens).containsExactly(300, 50);
        assertThat(seenByOpenAi).extracting(LlmRequest::temperature).containsExactly(0.3, 0.0);
    }

    @Test
    void invalidRequestDefaultsAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> ProviderRegistry.builder().requestDefaults(0, null))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("max-tokens must be >= 1, was 0");
        assertThatThrownBy(() -> ProviderRegistry.builder().requestDefaults(null, -0.5))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("temperature must be >= 0, was -0.5");
    }
}

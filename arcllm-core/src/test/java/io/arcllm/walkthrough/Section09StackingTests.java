package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.LoadOptions;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Walkthrough §9: loading a provider wraps it in the modules asked for, stacked
 * {@code Retry(Fallback(Adapter))} by default and {@code Fallback(Retry(Adapter))} with {@code afterRetries}.
 */
class Section09StackingTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));
    private static final LlmResponse FROM_OPENAI = new LlmResponse("from openai", new Usage(1, 1), "gpt-4o",
            StopReason.END_TURN);

    private final ProviderRegistry registry = ProviderRegistry.builder().env(Keys.ENV).build();
    private final VirtualTime time = new VirtualTime();

    @Test
    void withoutModulesTheAdapterItselfIsReturned() {
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(registry.load("anthropic"))).isExactlyInstanceOf(AnthropicAdapter.class);
    }

    @Test
    void retryTrueWrapsTheAdapterInRetry() {
        LlmProvider model = registry.load("anthropic", null, LoadOptions.builder().retry(true).build());

        assertThat(model).isInstanceOf(RetryModule.class);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(((RetryModule) model).inner())).isInstanceOf(AnthropicAdapter.class);
    }

    @Test
    void fallbackSettingsWrapTheAdapterInFallback() {
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().fallback(f -> f.chain("openai")).build());

        assertThat(model).isInstanceOf(FallbackModule.class);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(((FallbackModule) model).inner())).isInstanceOf(AnthropicAdapter.class);
        assertThat(((FallbackModule) model).config().chain()).containsExactly("openai");
    }

    @Test
    void bothModulesStackRetryOutsideFallbackOutsideTheAdapter() {
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(true).fallback(f -> f.chain("openai")).build());

        assertThat(model).isInstanceOf(RetryModule.class);
        LlmProvider middle = ((RetryModule) model).inner();
        assertThat(middle).isInstanceOf(FallbackModule.class);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(((FallbackModule) middle).inner())).isInstanceOf(AnthropicAdapter.class);
        assertThat(model.name()).isEqualTo("anthropic");
        assertThat(model.modelName()).isEqualTo("claude-sonnet-4-20250514");
    }

    @Test
    void afterRetriesStacksFallbackOutsideRetry() {
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(true).fallback(f -> f.chain("openai").afterRetries(true)).build());

        assertThat(model).isInstanceOf(FallbackModule.class);
        LlmProvider middle = ((FallbackModule) model).inner();
        assertThat(middle).isInstanceOf(RetryModule.class);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(((RetryModule) middle).inner())).isInstanceOf(AnthropicAdapter.class);
    }

    @Test
    void customRetrySettingsOverrideOnlyWhatTheyName() {
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(r -> r.maxRetries(5).backoffBase(Duration.ofSeconds(2))).build());

        RetryModule retry = (RetryModule) model;
        assertThat(retry.config().maxRetries()).isEqualTo(5);
        assertThat(retry.config().backoffBase()).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.config().maxWait()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aModelCanBeNamed() {
        assertThat(registry.load("anthropic", "claude-haiku-4-5-20251001", LoadOptions.none()).modelName())
                .isEqualTo("claude-haiku-4-5-20251001");
    }

    @Test
    void byDefaultThePrimarysFirstFailureWalksTheChainAtOnce() {
        FakeAdapters adapters = new FakeAdapters().script("anthropic", apiError(503)).script("openai", FROM_OPENAI);
        LlmProvider model = fakeRegistry(adapters).load("anthropic", null,
                LoadOptions.builder().retry(true).fallback(f -> f.chain("openai")).build());

        assertThat(time.await(model.invoke(MESSAGES))).isSameAs(FROM_OPENAI);
        assertThat(adapters.invocations("anthropic")).isEqualTo(1);
        assertThat(adapters.invocations("openai")).isEqualTo(1);
    }

    @Test
    void byDefaultRetryRepeatsPrimaryPlusChainAndFallbacksBringNoRetryOfTheirOwn() {
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", r -> Mono.error(apiError(503)))
                .answer("openai", r -> Mono.error(apiError(503)));
        // openai's own configuration turns retry on: it must not apply inside anthropic's retry loop
        ProviderRegistry registry = fakeRegistry(adapters, LoadOptions.builder().retry(true).build());
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(r -> r.maxRetries(2)).fallback(f -> f.chain("openai")).build());

        Throwable error = time.awaitError(model.invoke(MESSAGES));

        assertThat(error).isInstanceOf(ArcLlmApiException.class);
        assertThat(adapters.invocations("anthropic")).isEqualTo(3);
        assertThat(adapters.invocations("openai")).isEqualTo(3);
        assertThat(adapters.loads("openai")).as("one long-lived adapter, reused by every round").isEqualTo(1);
        assertThat(adapters.closes("openai")).as("kept open for the registry's life").isZero();
    }

    @Test
    void afterRetriesRetriesThePrimaryFirstThenEachFallbackWithItsOwnRetry() {
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", r -> Mono.error(apiError(529)))
                .script("openai", apiError(503), apiError(503), FROM_OPENAI);
        ProviderRegistry registry = fakeRegistry(adapters, LoadOptions.builder().retry(r -> r.maxRetries(2)).build());
        LlmProvider model = registry.load("anthropic", null, LoadOptions.builder().retry(r -> r.maxRetries(3))
                .fallback(f -> f.chain("openai").afterRetries(true)).build());

        assertThat(time.await(model.invoke(MESSAGES))).isSameAs(FROM_OPENAI);
        assertThat(adapters.invocations("anthropic")).isEqualTo(4);
        assertThat(adapters.invocations("openai")).isEqualTo(3);
        assertThat(adapters.loads("openai")).isEqualTo(1);
        assertThat(adapters.closes("openai")).as("kept open for the registry's life").isZero();
    }

    @Test
    void afterRetriesAFallbackWithoutRetryOfItsOwnIsAttemptedOnce() {
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", r -> Mono.error(apiError(529)))
                .answer("openai", r -> Mono.error(apiError(503)));
        LlmProvider model = fakeRegistry(adapters).load("anthropic", null, LoadOptions.builder()
                .retry(r -> r.maxRetries(1)).fallback(f -> f.chain("openai").afterRetries(true)).build());

        time.awaitError(model.invoke(MESSAGES));

        assertThat(adapters.invocations("anthropic")).isEqualTo(2);
        assertThat(adapters.invocations("openai")).isEqualTo(1);
    }

    private ProviderRegistry fakeRegistry(FakeAdapters adapters) {
        return fakeRegistry(adapters, LoadOptions.none());
    }

    private ProviderRegistry fakeRegistry(FakeAdapters adapters, LoadOptions openAiOwnConfig) {
        return ProviderRegistry.builder().adapterFactory(adapters).override("openai", openAiOwnConfig)
                .scheduler(time.scheduler()).jitter(JitterSource.none()).build();
    }
}

package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.module.BaseModule;
import io.arcllm.module.internal.CircuitBreakerModule;
import io.arcllm.module.internal.DeadlineModule;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.JitterSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The registry stacks the circuit breaker per attempt, for the primary and each fallback, with one circuit per
 * provider id shared by every stack; the deadline above retry and fallback; retry with the provider's budget.
 */
class ResilienceStackTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final FakeAdapters adapters = new FakeAdapters();

    private ProviderRegistry registry(ModuleDefaults modules, Duration timeout) {
        return ProviderRegistry.builder().catalog(ProviderCatalog.builtIn()).modules(modules).adapterFactory(adapters)
                .env(name -> "key").scheduler(time).jitter(JitterSource.none()).defaultTimeout(timeout).build();
    }

    private static ModuleDefaults circuitAndFallback() {
        return ModuleDefaults.builder()
                .enabled(CircuitBreakerConfig.KIND, true)
                .settings(CircuitBreakerConfig.KIND, CircuitBreakerConfig.builder().minimumCalls(2).build())
                .retryEnabled(true)
                .fallbackEnabled(true).fallback(f -> f.chain("openai"))
                .build();
    }

    @Test
    void theCircuitBreakerSitsDirectlyAboveEachAdapterAndIsSharedPerProvider() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")))
                .answer("openai", request -> Mono.just(OK));
        ProviderRegistry registry = registry(circuitAndFallback(), null);
        LlmProvider first = registry.load("anthropic");
        LlmProvider second = registry.load("anthropic");

        assertThat(first.toString()).isEqualTo("RetryModule -> FallbackModule -> CircuitBreakerModule -> Adapter");
        for (int i = 0; i < 2; i++) {
            assertThat(first.invoke(REQUEST).block(Duration.ofSeconds(5))).isSameAs(OK);
        }
        assertThat(adapters.invocations("anthropic")).isEqualTo(2);

        // Another stack of the same provider sees the open circuit: straight to the fallback, no request sent.
        for (int i = 0; i < 10; i++) {
            assertThat(second.invoke(REQUEST).block(Duration.ofSeconds(5))).isSameAs(OK);
        }
        assertThat(adapters.invocations("anthropic")).isEqualTo(2);
        assertThat(adapters.invocations("openai")).isEqualTo(12);
        CircuitBreakerModule primaryCircuit = (CircuitBreakerModule) ((BaseModule) ((BaseModule) second).inner()).inner();
        assertThat(primaryCircuit.circuit()).isSameAs(((CircuitBreakerModule) ((BaseModule) ((BaseModule) first).inner()).inner()).circuit());
    }

    @Test
    void circuitTransitionsReachTheRegistrysListeners() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(529, "", "anthropic")))
                .answer("openai", request -> Mono.just(OK));
        RecordingTransitions transitions = new RecordingTransitions();
        ProviderRegistry registry = ProviderRegistry.builder().catalog(ProviderCatalog.builtIn()).modules(circuitAndFallback())
                .adapterFactory(adapters).env(name -> "key").scheduler(time).jitter(JitterSource.none())
                .listener(transitions).build();

        LlmProvider model = registry.load("anthropic");
        model.invoke(REQUEST).block(Duration.ofSeconds(5));
        model.invoke(REQUEST).block(Duration.ofSeconds(5));

        assertThat(transitions.events).containsExactly("anthropic CLOSED->OPEN");
    }

    @Test
    void aConfiguredTimeoutPutsTheDeadlineAboveRetryAndFallback() {
        adapters.answer("anthropic", request -> Mono.never()).answer("openai", request -> Mono.just(OK));
        LlmProvider model = registry(circuitAndFallback(), Duration.ofSeconds(30)).load("anthropic");

        assertThat(model).isInstanceOf(DeadlineModule.class);
        assertThat(model.toString()).startsWith("DeadlineModule -> RetryModule -> FallbackModule");
    }

    @Test
    void aProvidersOwnTimeoutReplacesTheDefaultForItsStacksAndTheFallbackGetsWhatRemains() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")))
                .answer("openai", request -> Mono.never());
        ProviderRegistry registry = ProviderRegistry.builder().catalog(ProviderCatalog.builtIn())
                .modules(ModuleDefaults.builder().fallbackEnabled(true).fallback(f -> f.chain("openai")).build())
                .adapterFactory(adapters).env(name -> "key").scheduler(time).jitter(JitterSource.none())
                .defaultTimeout(Duration.ofSeconds(30)).timeout("anthropic", Duration.ofSeconds(2)).build();

        assertThat(((DeadlineModule) registry.load("anthropic")).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(((DeadlineModule) registry.load("openai")).timeout()).isEqualTo(Duration.ofSeconds(30));
        java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
        registry.load("anthropic").invoke(REQUEST).subscribe(answer -> { }, error::set);
        time.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(error.get()).isNull();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(error.get()).isInstanceOfSatisfying(ArcLlmTimeoutException.class, e -> {
            assertThat(e.isDeadline()).isTrue();
            assertThat(e.getMessage()).contains("deadline of 2s");
        });
        assertThat(adapters.invocations("openai")).as("the fallback ran under the same deadline").isEqualTo(1);
    }

    @Test
    void aProvidersTimeoutMustBePositiveAndNamesTheSetting() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ProviderRegistry.builder().timeout("openai", Duration.ZERO)))
                .isInstanceOfSatisfying(ArcLlmConfigException.class, e -> assertThat(e.property()).contains("timeout"));
    }

    @Test
    void theRegistryListsTheCircuitOfEachProviderWhoseStacksHaveOne() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")))
                .answer("openai", request -> Mono.just(OK));
        ProviderRegistry registry = registry(circuitAndFallback(), null);
        assertThat(registry.circuits()).isEmpty();

        LlmProvider model = registry.load("anthropic");
        model.invoke(REQUEST).block(Duration.ofSeconds(5));
        model.invoke(REQUEST).block(Duration.ofSeconds(5));

        assertThat(registry.circuits()).containsOnlyKeys("anthropic", "openai");
        assertThat(registry.circuits().get("anthropic").state()).isEqualTo(io.arcllm.module.ProviderCircuit.State.OPEN);
        assertThat(registry.circuits().get("openai").state()).isEqualTo(io.arcllm.module.ProviderCircuit.State.CLOSED);
    }

    @Test
    void withoutATimeoutTheStackIsUnchanged() {
        adapters.answer("anthropic", request -> Mono.just(OK));

        assertThat(registry(ModuleDefaults.builder().retryEnabled(true).build(), null).load("anthropic").toString())
                .isEqualTo("RetryModule -> Adapter");
    }

    private static final class RecordingTransitions implements io.arcllm.module.ModuleListener {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onCircuitTransition(CircuitEvent event) {
            events.add(event.provider() + " " + event.from() + "->" + event.to());
        }
    }
}

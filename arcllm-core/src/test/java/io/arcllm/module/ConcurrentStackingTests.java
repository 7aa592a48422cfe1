package io.arcllm.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 1,000 concurrent calls through retry and fallback, loaded by the registry, with failures injected on
 * every provider: every call completes with a response or a typed error, every loaded fallback is closed,
 * and no provider is attempted more than its {@code maxRetries + 1} times in one call.
 */
class ConcurrentStackingTests {

    private static final int CALLS = 1_000;
    private static final int PRIMARY_MAX_RETRIES = 2;
    private static final int OPENAI_OWN_MAX_RETRIES = 1;

    /** Per call, per provider: how many attempts. */
    private final Map<String, Map<String, AtomicInteger>> attempts = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "afterRetries={0}")
    @ValueSource(booleans = {false, true})
    void everyCallCompletesAndNoProviderIsAttemptedMoreThanItsRetriesAllow(boolean afterRetries) {
        FakeAdapters adapters = new FakeAdapters()
                .answer("anthropic", request -> answer("anthropic", request, 0.55, 0.10, 0.05))
                .answer("openai", request -> answer("openai", request, 0.50, 0.10, 0.0))
                .answer("backup", request -> answer("backup", request, 0.40, 0.10, 0.0));
        ProviderRegistry registry = ProviderRegistry.builder()
                .catalog(ProviderCatalog.builtIn().with(ProviderSettings.builder("backup", ApiFormat.OPENAI)
                        .baseUrl("https://backup.example").apiKeyEnv("BACKUP_API_KEY").defaultModel("b-1").build()))
                .adapterFactory(adapters)
                // openai's own configuration gives it retry; backup has none
                .override("openai", LoadOptions.builder().retry(r -> fast(r).maxRetries(OPENAI_OWN_MAX_RETRIES)).build())
                .build();
        LlmProvider model = registry.load("anthropic", null, LoadOptions.builder()
                .retry(r -> fast(r).maxRetries(PRIMARY_MAX_RETRIES))
                .fallback(f -> f.chain("openai", "backup").afterRetries(afterRetries))
                .build());

        List<Object> outcomes;
        try (LogCapture silenced = LogCapture.silenced()) {
            outcomes = Flux.range(0, CALLS)
                    .flatMap(i -> model.invoke(List.of(Message.user("call-" + i))).<Object>map(r -> r)
                            .onErrorResume(error -> Mono.just(error)), CALLS)
                    .collectList()
                    .block(Duration.ofSeconds(30));
        }

        assertThat(outcomes).hasSize(CALLS);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfAny(LlmResponse.class, ArcLlmException.class));
        assertThat(outcomes).filteredOn(ArcLlmException.class::isInstance).isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).contains("anthropic"));
        assertThat(outcomes).filteredOn(LlmResponse.class::isInstance).hasSizeGreaterThan(CALLS / 2);
        assertThat(attempts).hasSize(CALLS);
        for (String id : List.of("openai", "backup")) {
            assertThat(adapters.loads(id)).as("one long-lived %s adapter for 1,000 calls", id).isEqualTo(1);
            assertThat(adapters.closes(id)).as("%s stays open while the registry lives", id).isZero();
        }
        registry.close();
        for (String id : List.of("anthropic", "openai", "backup")) {
            assertThat(adapters.closes(id)).as("%s closed once, with the registry", id).isEqualTo(1);
        }

        int primaryBound = PRIMARY_MAX_RETRIES + 1;
        // Default order: retry repeats primary-plus-chain, fallbacks run without their own retry.
        // afterRetries: the chain is walked once, each fallback with its own retry (openai 1, backup none).
        int openAiBound = afterRetries ? OPENAI_OWN_MAX_RETRIES + 1 : PRIMARY_MAX_RETRIES + 1;
        int backupBound = afterRetries ? 1 : PRIMARY_MAX_RETRIES + 1;
        assertThat(maxAttempts("anthropic")).isEqualTo(primaryBound);
        assertThat(maxAttempts("openai")).isEqualTo(openAiBound);
        assertThat(maxAttempts("backup")).isEqualTo(backupBound);
    }

    /** Real waits of 1–3 ms: the calls really overlap on Reactor's threads, and the test stays fast. */
    private static RetryConfig.Builder fast(RetryConfig.Builder retry) {
        return retry.backoffBase(Duration.ofMillis(1)).maxWait(Duration.ofMillis(3));
    }

    /** The most attempts a provider got in any one call (the bound is reached, never exceeded). */
    private int maxAttempts(String provider) {
        return attempts.values().stream()
                .mapToInt(perProvider -> perProvider.getOrDefault(provider, new AtomicInteger()).get())
                .max().orElse(0);
    }

    /** A deterministic, per-call, per-attempt outcome, signalled on another thread. */
    private Mono<LlmResponse> answer(String provider, LlmRequest request, double retryable, double transport,
                                     double fatal) {
        String call = request.messages().get(0).text();
        int attempt = attempts.computeIfAbsent(call, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
        double roll = new SplittableRandom((call + "/" + provider + "/" + attempt).hashCode()).nextDouble();
        Mono<LlmResponse> outcome;
        if (roll < retryable) {
            outcome = Mono.error(new ArcLlmApiException(503, "overloaded", provider));
        } else if (roll < retryable + transport) {
            outcome = Mono.error(new ArcLlmTransportException(provider, new ConnectException("reset")));
        } else if (roll < retryable + transport + fatal) {
            outcome = Mono.error(new ArcLlmApiException(400, "bad request", provider));
        } else {
            outcome = Mono.just(new LlmResponse(provider + " answered " + call, new Usage(1, 1), provider,
                    StopReason.END_TURN));
        }
        return outcome.subscribeOn(Schedulers.parallel());
    }
}

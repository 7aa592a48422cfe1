package io.arcllm.bench.storm;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.module.internal.RetryModule;
import io.arcllm.ratelimit.internal.RateLimiters;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RedisRateLimitStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One application instance in the storm: {@code Retry(Adapter)} (defaults: 3 retries, {@code Retry-After}
 * honoured), or {@code Retry(RateLimit(Adapter))} with the provider's limits configured, in memory or on Redis.
 * Keeps {@code inFlight} calls going for {@code duration}: each loop starts its next call when the last ends.
 */
final class StormInstance {

    /** The {@code max_tokens} each call asks for (and the module reserves); answers use {@link StormStub#OUTPUT_TOKENS}. */
    static final int MAX_TOKENS = 150;

    /** What one instance saw. */
    record Result(long ok, long failed, long refused, long storeFailures, List<Long> latenciesMillis) {
    }

    private StormInstance() {
    }

    static Result run(URI stub, String mode, @Nullable String redisUri, int inFlight, Duration duration,
                      long requestsPerMinute, long outputTokensPerMinute) throws InterruptedException {
        ProviderSettings settings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(stub).apiKey(BenchClients.API_KEY).readTimeout(Duration.ofSeconds(120)).build();
        AnthropicAdapter adapter = new AnthropicAdapter(settings, CannedAnswers.MODEL, WebClient.builder(),
                ApiKey.of(BenchClients.API_KEY));
        AtomicLong storeFailures = new AtomicLong();
        RedisClient redis = redisUri == null ? null : RedisClient.create(redisUri);
        LlmProvider attempt = adapter;
        if (!mode.equals("off")) {
            RateLimiters limiters = new RateLimiters(
                    redis == null ? null : new RedisRateLimitStore(redis.connect(ByteArrayCodec.INSTANCE)),
                    Schedulers.parallel(), new RateLimitObserver() {
                        @Override
                        public void storeFailed(String provider, Throwable error) {
                            storeFailures.incrementAndGet();
                        }
                    });
            RateLimitConfig config = RateLimitConfig.UNSET.withRequestsPerMinute(requestsPerMinute)
                    .withOutputTokensPerMinute(outputTokensPerMinute).withMaxWait(Duration.ofSeconds(120))
                    .withStore(redis == null ? RateLimitConfig.Store.MEMORY : RateLimitConfig.Store.REDIS)
                    .withStoreTimeout(Duration.ofSeconds(2))
                    .withOnStoreFailure(Boolean.getBoolean("storm.deny") ? RateLimitConfig.OnStoreFailure.DENY
                            : RateLimitConfig.OnStoreFailure.ALLOW); // the shared 2-core machine stalls JVMs for longer than 500 ms
            RateLimitModule module = new RateLimitModule(adapter, limiters.forProvider("anthropic", CannedAnswers.MODEL, config),
                    MAX_TOKENS);
            module.limiter().remaining().block(Duration.ofSeconds(30)); // as an application's start-up would: store warm
            attempt = module;
        }
        LlmProvider stack = new RetryModule(new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(60),
                RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), attempt);
        LlmRequest request = LlmRequest.builder().message(Message.user(CannedAnswers.PROMPT)).maxTokens(MAX_TOKENS).build();

        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            loop(stack, request, end, ok, failed, refused, latencies, done);
        }
        done.await(duration.toSeconds() + 300, TimeUnit.SECONDS);
        adapter.close();
        if (redis != null) {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        return new Result(ok.get(), failed.get(), refused.get(), storeFailures.get(), List.copyOf(latencies));
    }

    private static void loop(LlmProvider stack, LlmRequest request, long end, AtomicLong ok, AtomicLong failed,
                             AtomicLong refused, List<Long> latencies, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long start = System.nanoTime();
        Mono.defer(() -> stack.invoke(request)).subscribe(
                answer -> {
                    ok.incrementAndGet();
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                    loop(stack, request, end, ok, failed, refused, latencies, done);
                },
                error -> {
                    (error instanceof ArcLlmRateLimitException ? refused : failed).incrementAndGet();
                    loop(stack, request, end, ok, failed, refused, latencies, done);
                });
    }
}

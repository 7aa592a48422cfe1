package io.arcllm.ratelimit;

import io.arcllm.ratelimit.internal.RateLimiters;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.RateLimitModule;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The shared store against a real Redis: several "instances" (each its own {@link RateLimiters} and Lettuce
 * connection, as separate JVMs would have) share one budget; a Redis outage follows {@code on-store-failure}
 * and never hangs a call; a restarted Redis is used again.
 */
class RedisRateLimitTests {

    private static final LlmRequest HELLO = LlmRequest.builder().message(Message.user("hello")).maxTokens(10).build();
    /** Bounds each call: a Redis outage must cost at most the store timeout, never a hang. */
    private static final Duration NO_HANG = Duration.ofSeconds(3);
    private static final RateLimitConfig SHARED = new RateLimitConfig(20L, 0L, 0L, 0, Duration.ZERO,
            RateLimitConfig.Store.REDIS, RateLimitConfig.OnStoreFailure.ALLOW, Duration.ofMillis(300), false);

    private static RedisServer redis;

    private final List<RedisClient> clients = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong storeFailures = new AtomicLong();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        flushAll();
    }

    /** One application instance: its own connection and limiters, a provider that counts what reaches it. */
    private RateLimitModule instance(String provider, RateLimitConfig config) {
        RedisClient client = RedisClient.create(redis.uri());
        clients.add(client);
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        RateLimiters limiters = new RateLimiters(new RedisRateLimitStore(connection), Schedulers.parallel(),
                new RateLimitObserver() {
                    @Override
                    public void storeFailed(String id, Throwable error) {
                        storeFailures.incrementAndGet();
                    }
                });
        FakeProvider counting = FakeProvider.answering(provider, request -> {
            sent.incrementAndGet();
            return Mono.just(FakeProvider.OK);
        });
        return new RateLimitModule(counting, limiters.forProvider(provider, "test-model", config), 100);
    }

    private static RateLimitModule inMemoryInstance(String provider, RateLimitConfig config) {
        return new RateLimitModule(FakeProvider.answering(provider, request -> Mono.just(FakeProvider.OK)),
                new RateLimiters().forProvider(provider, "test-model", config), 100);
    }

    /** Calls {@code calls} times; returns how many were admitted (the rest refused by the limit). */
    private static int call(RateLimitModule module, int calls, List<Throwable> refusals) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            try {
                LlmResponse answer = module.invoke(HELLO).block(NO_HANG);
                admitted += answer != null ? 1 : 0;
            } catch (ArcLlmRateLimitException refused) {
                refusals.add(refused);
            }
        }
        return admitted;
    }

    @Test
    void threeInstancesOnOneRedisStayWithinOneSharedLimit() {
        List<RateLimitModule> fleet = List.of(instance("anthropic", SHARED), instance("anthropic", SHARED),
                instance("anthropic", SHARED));
        List<Throwable> refusals = new ArrayList<>();
        long start = System.nanoTime();

        int admitted = 0;
        for (int round = 0; round < 15; round++) {
            for (RateLimitModule instance : fleet) {
                admitted += call(instance, 1, refusals);
            }
        }

        // 20 a minute: one more every 3 s the test ran, at most
        long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() / 3 + 1;
        assertThat(admitted).isEqualTo(sent.get()).isBetween(20, (int) (20 + refilled));
        assertThat(refusals).hasSize(45 - admitted).allSatisfy(e -> assertThat(((ArcLlmRateLimitException) e).budget())
                .isEqualTo(RateLimitBudget.REQUESTS));
        assertThat(keyExists("arcllm:rate-limit:anthropic:requests")).isTrue();
        assertThat(storeFailures).hasValue(0);

        RateLimitConfig local = SHARED.withStore(RateLimitConfig.Store.MEMORY);
        List<RateLimitModule> unshared = List.of(inMemoryInstance("anthropic", local),
                inMemoryInstance("anthropic", local), inMemoryInstance("anthropic", local));
        int admittedWithoutRedis = unshared.stream().mapToInt(instance -> call(instance, 20, new ArrayList<>())).sum();
        assertThat(admittedWithoutRedis).isEqualTo(60);
    }

    @Test
    void redisKilledMidRunWithAllowAdmitsAgainstTheLocalBucketAtTheConfiguredRateWithoutHanging() {
        RateLimitModule module = instance("openai", SHARED.withRequestsPerMinute(600L).withMaxWait(Duration.ofSeconds(2)));
        List<Throwable> refusals = new ArrayList<>();
        assertThat(call(module, 5, refusals)).isEqualTo(5);

        redis.kill();
        try {
            int admitted = call(module, 5, refusals); // each call: at most one store timeout, then the local bucket

            assertThat(admitted).isEqualTo(5);
            assertThat(refusals).isEmpty();
            assertThat(sent).hasValue(10);
            assertThat(storeFailures.get()).isPositive();
            // The local bucket was emptied when the outage began: it admits at 10 a second, not a minute's 600 at once.
            assertThat(module.limiter().remaining().block(NO_HANG).get(RateLimitBudget.REQUESTS)).isLessThan(10);
        } finally {
            redis.restart();
        }
    }

    @Test
    void redisKilledMidRunWithDenyRefusesWithTheStoreBudget() {
        RateLimitModule module = instance("openai", SHARED.withOnStoreFailure(RateLimitConfig.OnStoreFailure.DENY));
        assertThat(call(module, 2, new ArrayList<>())).isEqualTo(2);

        redis.kill();
        try {
            List<Throwable> refusals = new ArrayList<>();
            int admitted = call(module, 3, refusals);

            assertThat(admitted).isZero();
            assertThat(sent).hasValue(2);
            assertThat(refusals).hasSize(3).allSatisfy(e -> {
                ArcLlmRateLimitException refused = (ArcLlmRateLimitException) e;
                assertThat(refused.budget()).isEqualTo(RateLimitBudget.STORE);
                assertThat(refused.getMessage()).contains("openai", "store");
            });
        } finally {
            redis.restart();
        }
    }

    @Test
    void aRestartedRedisIsUsedAgainAndSharesTheLimitAgain() throws InterruptedException {
        RateLimitConfig config = SHARED.withRequestsPerMinute(6L);
        RateLimitModule first = instance("anthropic", config);
        RateLimitModule second = instance("anthropic", config);
        assertThat(call(first, 1, new ArrayList<>())).isEqualTo(1);

        redis.restart(); // empty again: --save '' keeps nothing
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!keyExists("arcllm:rate-limit:anthropic:requests") && System.nanoTime() < deadline) {
            call(first, 1, new ArrayList<>()); // admitted locally until Lettuce has reconnected
            Thread.sleep(200);
        }
        assertThat(keyExists("arcllm:rate-limit:anthropic:requests")).as("the limiter writes to Redis again").isTrue();

        int admitted = call(first, 6, new ArrayList<>()) + call(second, 6, new ArrayList<>());
        assertThat(admitted).as("both instances share the restarted Redis's bucket of 6").isLessThanOrEqualTo(6);
    }

    @Test
    void anApplicationStartsWhileRedisIsDownAndAdmitsLocallyWithoutBlocking() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + closedPort());
        clients.add(client);
        RedisRateLimitStore store = RedisRateLimitStore.connectingLazily(() -> client.connect(ByteArrayCodec.INSTANCE));
        RateLimiters limiters = new RateLimiters(store, Schedulers.parallel(), new RateLimitObserver() {
            @Override
            public void storeFailed(String id, Throwable error) {
                storeFailures.incrementAndGet();
            }
        });
        RateLimitModule module = new RateLimitModule(FakeProvider.answering("anthropic", request -> {
            sent.incrementAndGet();
            return Mono.just(FakeProvider.OK);
        }), limiters.forProvider("anthropic", "m", SHARED.withRequestsPerMinute(600L).withMaxWait(Duration.ofSeconds(2))), 100);

        assertThat(call(module, 3, new ArrayList<>())).isEqualTo(3);
        assertThat(sent).hasValue(3);
        assertThat(storeFailures.get()).isPositive();
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean keyExists(String key) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            return connection.sync().exists(key.getBytes(StandardCharsets.UTF_8)) == 1;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void flushAll() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            connection.sync().flushall();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

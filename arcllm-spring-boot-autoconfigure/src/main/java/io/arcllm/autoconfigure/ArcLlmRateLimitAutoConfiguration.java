package io.arcllm.autoconfigure;

import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RateLimitStore;
import io.arcllm.ratelimit.RedisRateLimitStore;
import io.arcllm.telemetry.RateLimitMeters;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the rate-limit module takes from the application ({@code arcllm.modules.rate-limit.*}): with Spring Data
 * Redis on Lettuce, a {@link RedisRateLimitStore} over the application's Redis ({@code spring.data.redis.*}),
 * connecting on first use, for providers with {@code store: redis}; with a {@link MeterRegistry}, the module's
 * meters ({@link RateLimitMeters}). Either bean can be replaced by the application's own.
 */
@AutoConfiguration(before = ArcLlmAutoConfiguration.class, afterName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = "io.github.bucket4j.Bucket")
public final class ArcLlmRateLimitAutoConfiguration {

    /** The shared store on the application's Redis. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.bucket4j.redis.lettuce.Bucket4jLettuce",
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory"})
    static class OnRedis {

        @Bean
        @ConditionalOnBean(LettuceConnectionFactory.class)
        @ConditionalOnMissingBean(RateLimitStore.class)
        RedisRateLimitStore arcLlmRateLimitStore(LettuceConnectionFactory redis) {
            // A connection of our own (byte-array codec) from the application's client and settings, opened on first
            // use off the caller's thread: the application starts even while Redis is down.
            return RedisRateLimitStore.connectingLazily(() -> {
                if (!(redis.getNativeClient() instanceof RedisClient client)) {
                    throw new IllegalStateException("arcllm.modules.rate-limit.store: redis needs a standalone or "
                            + "sentinel Redis (spring.data.redis.*); Redis Cluster is not supported yet");
                }
                return client.connect(ByteArrayCodec.INSTANCE);
            });
        }
    }

    /** The module's meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class WithMeters {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean(RateLimitObserver.class)
        RateLimitMeters arcLlmRateLimitMeters(MeterRegistry meters) {
            return new RateLimitMeters(meters);
        }
    }
}

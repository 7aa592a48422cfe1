package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.ratelimit.internal.RateLimiters;
import org.junit.jupiter.api.Test;

/**
 * Bucket4j and Lettuce are optional dependencies of the core: an application that leaves the rate-limit module
 * off needs neither, and one that keeps its buckets in memory needs no Lettuce. Each scenario runs in a class
 * loader that defines ArcLLM's classes itself and refuses the hidden packages.
 */
class NoBucket4jTests {

    @Test
    void withTheRateLimitModuleOffNoBucket4jClassIsNeeded() throws Exception {
        HidingClassLoader loader = new HidingClassLoader("io.github.bucket4j.", "io.lettuce.");

        String outcome = loader.run(ModulesOff.class);

        assertThat(outcome).isEqualTo("Success!");
        assertThat(loader.defined).contains("io.arcllm.ProviderRegistry");
        assertThat(loader.defined).doesNotContain("io.arcllm.ratelimit.internal.RateLimiters", "io.arcllm.ratelimit.internal.RateLimiter",
                "io.arcllm.ratelimit.InMemoryRateLimitStore", "io.arcllm.module.internal.RateLimitModule");
        assertThat(loader.refused).isEmpty();
    }

    @Test
    void inMemoryRateLimitingNeedsNoLettuce() throws Exception {
        HidingClassLoader loader = new HidingClassLoader("io.lettuce.", "io.github.bucket4j.redis.");

        String outcome = loader.run(InMemory.class);

        assertThat(outcome).isEqualTo("Success! then requests");
        assertThat(loader.defined).contains("io.arcllm.ratelimit.InMemoryRateLimitStore");
        assertThat(loader.defined).doesNotContain("io.arcllm.ratelimit.RedisRateLimitStore");
        assertThat(loader.refused).isEmpty();
    }

    /** A registry with its default modules (rate limit off). */
    public static final class ModulesOff implements Callable<String> {
        @Override
        public String call() {
            ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(new FakeAdapters().script("anthropic", OK))
                    .modules(ModuleDefaults.defaults()).build();
            return registry.load("anthropic").invoke(List.of(Message.user("hi"))).block().content();
        }
    }

    /** The module in memory: one call admitted, the next refused by the requests budget. */
    public static final class InMemory implements Callable<String> {
        @Override
        public String call() {
            RateLimitConfig config = RateLimitConfig.UNSET.withRequestsPerMinute(1L).withMaxWait(Duration.ZERO);
            RateLimitModule module = new RateLimitModule(FakeProvider.scripted("anthropic", OK, OK),
                    new RateLimiters().forProvider("anthropic", "m", config), 10);
            String first = module.invoke(List.of(Message.user("hi"))).block().content();
            try {
                module.invoke(List.of(Message.user("hi"))).block();
                return first + " then admitted";
            } catch (ArcLlmRateLimitException e) {
                return first + " then " + e.budget().id();
            }
        }
    }
}

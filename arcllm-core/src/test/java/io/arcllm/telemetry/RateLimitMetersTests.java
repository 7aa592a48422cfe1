package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.ratelimit.internal.RateLimiters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The rate limit's meters: admission wait, refusals by budget, tokens reserved against tokens used. */
class RateLimitMetersTests {

    @Test
    void recordsWaitsRefusalsAndTokensReservedAgainstUsed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        RateLimitConfig config = new RateLimitConfig(60L, 0L, 10_000L, 0, Duration.ofMillis(1500), null, null, null, null);
        RateLimitModule module = new RateLimitModule(FakeProvider.answering("anthropic", request ->
                Mono.just(new LlmResponse("ok", new Usage(3, 40), "m", StopReason.END_TURN))),
                new RateLimiters(null, time, new RateLimitMeters(registry)).forProvider("anthropic", "m", config), 100);
        LlmRequest request = LlmRequest.builder().message(Message.user("hi")).maxTokens(100).build();
        List<Object> outcomes = new ArrayList<>();

        for (int i = 0; i < 62; i++) { // 60 now, one after 1 s, one refused (2 s > max-wait)
            module.invoke(request).subscribe(outcomes::add, outcomes::add);
        }
        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(outcomes).hasSize(62);
        assertThat(registry.get(RateLimitMeters.WAIT_METER).tag("provider", "anthropic").timer().count()).isEqualTo(61);
        assertThat(registry.get(RateLimitMeters.WAIT_METER).timer().max(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(registry.get(RateLimitMeters.REJECTION_METER).tags("provider", "anthropic", "budget", "requests")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(RateLimitMeters.TOKENS_METER).tags("budget", "output-tokens", "kind", "reserved")
                .counter().count()).isEqualTo(61 * 100);
        assertThat(registry.get(RateLimitMeters.TOKENS_METER).tags("budget", "output-tokens", "kind", "used")
                .counter().count()).isEqualTo(61 * 40);
    }
}

package io.arcllm.ratelimit;

import io.arcllm.ratelimit.internal.RateLimiters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.RateLimitModule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A stream is one attempt for the rate limit: admitted before it is sent, refused before any event. */
class RateLimitStreamTests {

    private static final LlmRequest HELLO = LlmRequest.builder().message(Message.user("hello")).maxTokens(100).build();
    private static final RateLimitConfig ONE_PER_MINUTE = new RateLimitConfig(0L, 0L, 0L, 0, Duration.ofSeconds(10),
            null, null, null, null).withRequestsPerMinute(1L).withMaxWait(Duration.ZERO);

    @Test
    void aStreamBeyondTheBudgetIsRefusedBeforeAnyEventAndNothingIsSent() {
        RateLimiters limiters = new RateLimiters(null, VirtualTimeScheduler.create(), RateLimitObserver.NONE);
        AtomicInteger sent = new AtomicInteger();
        FakeProvider provider = FakeProvider.answering("anthropic", request -> {
            sent.incrementAndGet();
            return Mono.just(new LlmResponse("ok", new Usage(3, 2), "test-model", StopReason.END_TURN));
        });
        RateLimitModule module = new RateLimitModule(provider, limiters.forProvider("anthropic", "test-model", ONE_PER_MINUTE), 1000);

        List<LlmStreamEvent> first = module.stream(HELLO).collectList().block(Duration.ofSeconds(5));
        List<LlmStreamEvent> second = new ArrayList<>();
        Throwable refused = catchThrowable(() -> module.stream(HELLO).doOnNext(second::add).blockLast(Duration.ofSeconds(5)));

        assertThat(first).last().isEqualTo(new LlmStreamEvent.Stop(StopReason.END_TURN));
        assertThat(refused).isInstanceOf(ArcLlmRateLimitException.class);
        assertThat(second).isEmpty();
        assertThat(sent).hasValue(1);
    }
}

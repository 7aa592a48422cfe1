package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Walkthrough §4: exponential backoff with proportional jitter, capped at {@code maxWait}. */
class Section04BackoffTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final VirtualTime time = new VirtualTime();

    @Test
    void waitsDoubleFromTheBaseWhenJitterIsZero() {
        RetryConfig config = RetryConfig.builder().maxRetries(4).backoffBase(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(100)).build();
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), apiError(429), apiError(429), OK)
                .clock(time.scheduler());

        time.await(new RetryModule(config, inner, time.scheduler(), (min, max) -> 0.0).invoke(MESSAGES));

        assertThat(inner.waits()).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8));
    }

    @Test
    void nothingArrivesBeforeTheBackoffHasElapsed() {
        RetryConfig config = RetryConfig.builder().maxRetries(2).backoffBase(Duration.ofSeconds(1)).build();
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), OK);

        // Default scheduler (null): Schedulers.parallel() looked up per call, virtual inside withVirtualTime.
        StepVerifier.withVirtualTime(() -> new RetryModule(config, inner, null, JitterSource.none()).invoke(MESSAGES))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(OK)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(inner.invocations()).isEqualTo(3);
    }

    @Test
    void waitsAreCappedAtMaxWait() {
        RetryConfig config = RetryConfig.builder().maxRetries(3).backoffBase(Duration.ofSeconds(10))
                .maxWait(Duration.ofSeconds(15)).build();
        FakeProvider inner = FakeProvider.scripted(apiError(500), apiError(500), apiError(500), OK)
                .clock(time.scheduler());

        time.await(new RetryModule(config, inner, time.scheduler(), JitterSource.none()).invoke(MESSAGES));

        // uncapped 10, 20, 40
        assertThat(inner.waits()).containsExactly(seconds(10), seconds(15), seconds(15));
    }

    @Test
    void jitterOfHalfASecondIsAddedToEachBackoff() {
        RetryConfig config = RetryConfig.builder().maxRetries(3).backoffBase(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(100)).build();
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), apiError(429), OK)
                .clock(time.scheduler());
        List<String> jitterCalls = Collections.synchronizedList(new ArrayList<>());
        JitterSource uniformReturnsHalf = (min, max) -> {
            jitterCalls.add(min + ".." + max);
            return 0.5;
        };

        time.await(new RetryModule(config, inner, time.scheduler(), uniformReturnsHalf).invoke(MESSAGES));

        assertThat(inner.waits()).containsExactly(millis(1500), millis(2500), millis(4500));
        // jitter is drawn from U(0, backoff): proportional to the backoff
        assertThat(jitterCalls).containsExactly("0.0..1.0", "0.0..2.0", "0.0..4.0");
    }

    @Test
    void randomJitterKeepsEachWaitBetweenOnceAndTwiceTheBackoff() {
        RetryConfig config = RetryConfig.builder().maxRetries(3).backoffBase(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(100)).build();
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), apiError(429), OK)
                .clock(time.scheduler());

        time.await(new RetryModule(config, inner, time.scheduler(), JitterSource.random()).invoke(MESSAGES));

        List<Duration> waits = inner.waits();
        assertThat(waits).hasSize(3);
        for (int n = 0; n < 3; n++) {
            assertThat(waits.get(n)).isBetween(seconds(1L << n), seconds(2L << n));
        }
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}

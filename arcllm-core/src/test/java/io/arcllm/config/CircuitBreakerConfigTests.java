package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;

/** The circuit breaker's settings: defaults, copies, and every bad value named. */
class CircuitBreakerConfigTests {

    private static void rejects(UnaryOperator<CircuitBreakerConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(CircuitBreakerConfig.builder()).build())
                .isInstanceOf(ArcLlmConfigException.class).hasMessage(message);
    }

    @Test
    void defaultsAreHalfOfTenCallsInTenSecondsOpeningForThirtySecondsWithThreeProbes() {
        CircuitBreakerConfig defaults = CircuitBreakerConfig.defaults();

        assertThat(defaults.failureRateThreshold()).isEqualTo(50f);
        assertThat(defaults.minimumCalls()).isEqualTo(10);
        assertThat(defaults.slidingWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.halfOpenCalls()).isEqualTo(3);
    }

    @Test
    void aBuilderFromAConfigChangesOnlyWhatIsSet() {
        CircuitBreakerConfig changed = CircuitBreakerConfig.defaults().toBuilder().openDuration(Duration.ofSeconds(5)).build();

        assertThat(changed).isEqualTo(new CircuitBreakerConfig(50f, 10, Duration.ofSeconds(10), Duration.ofSeconds(5), 3));
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        rejects(b -> b.failureRateThreshold(0), "failure-rate-threshold must be > 0 and <= 100 (a percentage), was 0.0");
        rejects(b -> b.failureRateThreshold(101), "failure-rate-threshold must be > 0 and <= 100 (a percentage), was 101.0");
        rejects(b -> b.failureRateThreshold(Float.NaN), "failure-rate-threshold must be > 0 and <= 100 (a percentage), was NaN");
        rejects(b -> b.minimumCalls(0), "minimum-calls must be >= 1, was 0");
        rejects(b -> b.slidingWindow(Duration.ofMillis(500)), "sliding-window must be whole seconds, at least 1s, was 500ms");
        rejects(b -> b.slidingWindow(Duration.ofMillis(1500)), "sliding-window must be whole seconds, at least 1s, was 1500ms");
        rejects(b -> b.slidingWindow(null), "sliding-window must be whole seconds, at least 1s, was null");
        rejects(b -> b.openDuration(Duration.ZERO), "open-duration must be > 0, was 0s");
        rejects(b -> b.halfOpenCalls(0), "half-open-calls must be >= 1, was 0");
    }
}

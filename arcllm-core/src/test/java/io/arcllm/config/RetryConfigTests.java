package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;

class RetryConfigTests {

    @Test
    void defaultsMatchTheDesign() {
        RetryConfig defaults = RetryConfig.defaults();

        assertThat(defaults.maxRetries()).isEqualTo(3);
        assertThat(defaults.backoffBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.retryableStatusCodes()).containsExactly(429, 500, 502, 503, 529);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        RetryConfig changed = RetryConfig.defaults().toBuilder().maxRetries(7).build();

        assertThat(changed).isEqualTo(new RetryConfig(7, Duration.ofSeconds(1), Duration.ofSeconds(60),
                RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES));
        assertThat(RetryConfig.from(changed).build()).isEqualTo(changed);
    }

    @Test
    void rejectsNegativeDurationsNamingTheProperty() {
        assertThatThrownBy(() -> RetryConfig.builder().backoffBase(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("backoff-base must be > 0, was -1s");
        assertThatThrownBy(() -> RetryConfig.builder().maxWait(null).build())
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("max-wait must be > 0, was null");
    }

    @Test
    void rejectsStatusCodesThatAreNotHttpStatuses() {
        assertThatThrownBy(() -> RetryConfig.builder().retryableStatusCodes(List.of(429, 42)).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("retryable-status-codes must be HTTP status codes (100-599), was 42");
    }

    @Test
    void statusCodesAreCopiedSoLaterChangesToTheSourceDoNotLeakIn() {
        List<Integer> codes = new ArrayList<>(List.of(503));
        RetryConfig config = RetryConfig.builder().retryableStatusCodes(codes).build();
        codes.add(429);

        assertThat(config.retryableStatusCodes()).containsExactly(503);
        assertThat(config.isRetryableStatus(429)).isFalse();
        assertThatThrownBy(() -> config.retryableStatusCodes().add(500)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptySetOfCodesRetriesTransportErrorsOnly() {
        assertThat(RetryConfig.builder().retryableStatusCodes(List.of()).build().isRetryableStatus(503)).isFalse();
    }
}

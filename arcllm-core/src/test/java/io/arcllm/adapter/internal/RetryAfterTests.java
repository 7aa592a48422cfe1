package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTests {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(RetryAfter.parse("1500", "30", NOW)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterMsMayBeDecimalAndIsRoundedUp() {
        assertThat(RetryAfter.parse("250.2", null, NOW)).isEqualTo(Duration.ofMillis(251));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "1e3", "NaN"})
    void unreadableRetryAfterMsFallsBackToRetryAfter(String retryAfterMs) {
        assertThat(RetryAfter.parse(retryAfterMs, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @CsvSource({"30, 30000", "2.5, 2500", "' 4 ', 4000", "0, 0", "0.0001, 1"})
    void readsRetryAfterAsSecondsPossiblyDecimal(String header, long expectedMillis) {
        assertThat(RetryAfter.parse(null, header, NOW)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void negativeWaitsAreZero() {
        assertThat(RetryAfter.parse(null, "-3", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("-10", null, NOW)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wed, 01 Jan 2025 00:01:30 GMT", "Wednesday, 01-Jan-25 00:01:30 GMT", "Wed Jan  1 00:01:30 2025"})
    void readsEveryHttpDateFormRelativeToTheClock(String date) {
        assertThat(RetryAfter.parse(null, date, NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void httpDateInThePastIsZero() {
        assertThat(RetryAfter.parse(null, "Tue, 31 Dec 2024 23:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void hugeWaitsSaturateInsteadOfOverflowing() {
        assertThat(RetryAfter.parse(null, "99999999999999999999999", NOW)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "   ", "12 seconds", "Wed, 32 Jan 2025 00:00:00 GMT"})
    void unreadableRetryAfterIsAbsent(String header) {
        assertThat(RetryAfter.parse(null, header, NOW)).isNull();
    }

    @Test
    void noHeadersMeansNoWait() {
        assertThat(RetryAfter.parse(null, null, NOW)).isNull();
    }
}

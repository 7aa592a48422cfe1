package io.arcllm.module;

import io.arcllm.module.internal.RetryBudget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.arcllm.internal.SchedulerClock;
import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The retry budget's arithmetic over its 10-second window, on a virtual clock. */
class RetryBudgetTests {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private RetryBudget budget(double ratio, int floor) {
        return new RetryBudget("anthropic", ratio, floor, new SchedulerClock(time));
    }

    private static int retriesGranted(RetryBudget budget, int asked) {
        int granted = 0;
        for (int i = 0; i < asked; i++) {
            granted += budget.tryRetry() ? 1 : 0;
        }
        return granted;
    }

    private static void firstAttempts(RetryBudget budget, int count) {
        for (int i = 0; i < count; i++) {
            budget.onFirstAttempt();
        }
    }

    @Test
    void retriesMayReachTheRatioOfFirstAttemptsPlusTheFloor() {
        RetryBudget budget = budget(0.2, 10);
        firstAttempts(budget, 1000);

        assertThat(retriesGranted(budget, 1000)).isEqualTo(200 + 100);
        assertThat(budget.refusals()).isEqualTo(700);
    }

    @Test
    void aQuietProviderStillGetsTheFloor() {
        RetryBudget budget = budget(0.2, 1);

        assertThat(retriesGranted(budget, 50)).isEqualTo(10);
    }

    @Test
    void withoutAFloorNoFirstAttemptsMeansNoRetries() {
        RetryBudget budget = budget(0.5, 0);
        assertThat(budget.tryRetry()).isFalse();

        firstAttempts(budget, 10);

        assertThat(retriesGranted(budget, 10)).isEqualTo(5);
    }

    @Test
    void attemptsAndRetriesOlderThanTheWindowNoLongerCount() {
        RetryBudget budget = budget(0.5, 0);
        firstAttempts(budget, 10);
        assertThat(retriesGranted(budget, 5)).isEqualTo(5);

        time.advanceTimeBy(Duration.ofSeconds(9));
        assertThat(budget.tryRetry()).isFalse();
        firstAttempts(budget, 2);
        assertThat(retriesGranted(budget, 5)).isEqualTo(1);

        time.advanceTimeBy(Duration.ofSeconds(1));
        // The first second (10 attempts, 5 retries) left the window; second 9 holds 2 attempts and 1 retry.
        assertThat(retriesGranted(budget, 5)).isZero();
        firstAttempts(budget, 4);
        assertThat(retriesGranted(budget, 5)).isEqualTo(2);
    }

    @Test
    void aBudgetUnusedForLongerThanTheWindowStartsAfresh() {
        RetryBudget budget = budget(1, 0);
        firstAttempts(budget, 3);
        time.advanceTimeBy(Duration.ofMinutes(5));

        assertThat(budget.tryRetry()).isFalse();
        firstAttempts(budget, 3);
        assertThat(retriesGranted(budget, 5)).isEqualTo(3);
    }

    @Test
    void refusalsAreLoggedAtMostOnceASecond() {
        RetryBudget budget = budget(0, 0);
        try (LogCapture logs = LogCapture.of(RetryBudget.class)) {
            retriesGranted(budget, 50);
            time.advanceTimeBy(Duration.ofMillis(999));
            retriesGranted(budget, 50);
            time.advanceTimeBy(Duration.ofMillis(1));
            retriesGranted(budget, 50);

            assertThat(logs.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .startsWith("WARN [anthropic] retry budget spent: 0 retries for 0 first attempts in the last 10s"));
        }
        assertThat(budget.refusals()).isEqualTo(150);
    }

    @Test
    void negativeSettingsAreRejectedNamingTheProperty() {
        assertThatThrownBy(() -> budget(-0.1, 10)).isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("budgetRatio must be >= 0, was -0.1");
        assertThatThrownBy(() -> budget(Double.NaN, 10)).isInstanceOf(ArcLlmConfigException.class)
                .hasMessageStartingWith("budgetRatio");
        assertThatThrownBy(() -> budget(0.2, -1)).isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("minRetriesPerSecond must be >= 0, was -1");
    }
}

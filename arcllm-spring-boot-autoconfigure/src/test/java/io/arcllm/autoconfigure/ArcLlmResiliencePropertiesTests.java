package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.module.ProviderCircuit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code arcllm.modules.circuit-breaker.*}, {@code arcllm.modules.retry.budget-ratio} / {@code min-retries-per-second}
 * and {@code arcllm.defaults.timeout} / {@code arcllm.providers.<id>.timeout}, observed through the beans.
 */
class ArcLlmResiliencePropertiesTests {

    private static final List<Message> HI = List.of(Message.user("hi"));

    private final Down down = new Down("down");
    private final Down other = new Down("other");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class, ArcLlmHealthAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.defaults.provider=down")
            .withBean("downLlmProvider", LlmProvider.class, () -> down)
            .withBean("otherLlmProvider", LlmProvider.class, () -> other);

    @Test
    void theProvidersCircuitOpensAtItsConfiguredThresholdAndThenNothingIsSent() {
        runner.withPropertyValues("arcllm.modules.circuit-breaker.enabled=true",
                "arcllm.providers.down.modules.circuit-breaker.minimum-calls=2",
                "arcllm.providers.down.modules.circuit-breaker.failure-rate-threshold=100",
                "arcllm.providers.down.modules.circuit-breaker.open-duration=5m").run(context -> {
            LlmProvider model = context.getBean("downLlmProvider", LlmProvider.class);
            LlmProvider otherModel = context.getBean("otherLlmProvider", LlmProvider.class);
            for (int i = 0; i < 2; i++) {
                assertThat(catchThrowable(() -> model.invoke(HI).block(Duration.ofSeconds(5))))
                        .isInstanceOf(ArcLlmApiException.class);
                assertThat(catchThrowable(() -> otherModel.invoke(HI).block(Duration.ofSeconds(5))))
                        .isInstanceOf(ArcLlmApiException.class);
            }

            Throwable refused = catchThrowable(() -> model.invoke(HI).block(Duration.ofSeconds(5)));

            assertThat(refused).isInstanceOfSatisfying(ArcLlmCircuitOpenException.class, e -> {
                assertThat(e.provider()).isEqualTo("down");
                assertThat(e.retryIn()).isGreaterThan(Duration.ofMinutes(4)).isLessThanOrEqualTo(Duration.ofMinutes(5));
            });
            assertThat(down.calls).as("nothing sent while open").hasValue(2);
            // The other provider keeps the global default (10 calls at least), so two failures leave it closed.
            assertThat(catchThrowable(() -> otherModel.invoke(HI).block(Duration.ofSeconds(5))))
                    .isInstanceOf(ArcLlmApiException.class);
            assertThat(other.calls).hasValue(3);
            Map<String, ProviderCircuit> circuits = context.getBean(ProviderRegistry.class).circuits();
            assertThat(circuits.get("down").config().minimumCalls()).isEqualTo(2);
            assertThat(circuits.get("other").config()).isEqualTo(CircuitBreakerConfig.defaults());
        });
    }

    @Test
    void theHealthDetailsShowEachProvidersCircuitState() {
        runner.withPropertyValues("arcllm.modules.circuit-breaker.enabled=true",
                "arcllm.modules.circuit-breaker.minimum-calls=1",
                "arcllm.modules.circuit-breaker.open-duration=90s").run(context -> {
            Map<String, Map<String, Object>> before = providers(context.getBean(ArcLlmHealthIndicator.class).health());
            assertThat(before.get("down").get("circuit")).as("closed before any call").isEqualTo(Map.of("state", "closed"));

            catchThrowable(() -> context.getBean("downLlmProvider", LlmProvider.class).invoke(HI).block(Duration.ofSeconds(5)));
            other.failing = false;
            context.getBean("otherLlmProvider", LlmProvider.class).invoke(HI).block(Duration.ofSeconds(5));

            Map<String, Map<String, Object>> after = providers(context.getBean(ArcLlmHealthIndicator.class).health());
            assertThat(after.get("down").get("circuit")).isInstanceOfSatisfying(Map.class, circuit -> {
                assertThat(circuit.get("state")).isEqualTo("open");
                assertThat((Long) circuit.get("halfOpenInMillis")).isBetween(80_000L, 90_000L);
            });
            assertThat(after.get("other").get("circuit")).isEqualTo(Map.of("state", "closed"));
        });
    }

    @Test
    void aSpentRetryBudgetStopsRetriesAndTheGlobalBudgetOtherwiseAllowsThem() {
        runner.withPropertyValues("arcllm.modules.retry.enabled=true", "arcllm.modules.retry.max-retries=2",
                "arcllm.modules.retry.backoff-base=1ms", "arcllm.modules.retry.budget-ratio=1",
                "arcllm.providers.down.modules.retry.budget-ratio=0",
                "arcllm.providers.down.modules.retry.min-retries-per-second=0").run(context -> {
            assertThat(catchThrowable(() -> context.getBean("downLlmProvider", LlmProvider.class).invoke(HI)
                    .block(Duration.ofSeconds(5)))).isInstanceOf(ArcLlmApiException.class);
            assertThat(catchThrowable(() -> context.getBean("otherLlmProvider", LlmProvider.class).invoke(HI)
                    .block(Duration.ofSeconds(5)))).isInstanceOf(ArcLlmApiException.class);

            assertThat(down.calls).as("budget of 0: no retry").hasValue(1);
            assertThat(other.calls).as("global budget: both retries").hasValue(3);
        });
    }

    @Test
    void theProvidersTimeoutReplacesTheDefaultAsTheCallsDeadline() {
        down.hang = true;
        other.hang = true;
        runner.withPropertyValues("arcllm.defaults.timeout=3s", "arcllm.providers.down.timeout=1s").run(context -> {
            LlmProvider model = context.getBean("downLlmProvider", LlmProvider.class);
            LlmProvider otherModel = context.getBean("otherLlmProvider", LlmProvider.class);

            StepVerifier.withVirtualTime(() -> model.invoke(HI))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(999))
                    .thenAwait(Duration.ofMillis(1))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ArcLlmTimeoutException.class,
                            timeout -> assertThat(timeout.isDeadline()).isTrue()))
                    .verify(Duration.ofSeconds(5));
            StepVerifier.withVirtualTime(() -> otherModel.invoke(HI))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(2999))
                    .thenAwait(Duration.ofMillis(1))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ArcLlmTimeoutException.class,
                            timeout -> assertThat(timeout.getMessage()).contains("3s")))
                    .verify(Duration.ofSeconds(5));
            // A request's own timeout still wins.
            StepVerifier.withVirtualTime(() -> model.invoke(LlmRequest.builder().messages(HI).timeout(Duration.ofMillis(200)).build()))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(199))
                    .thenAwait(Duration.ofMillis(1))
                    .expectError(ArcLlmTimeoutException.class)
                    .verify(Duration.ofSeconds(5));
        });
    }

    @Test
    void anInvalidSettingFailsStartupNamingItsProperty() {
        assertFailsNaming("arcllm.modules.circuit-breaker.failure-rate-threshold",
                "arcllm.modules.circuit-breaker.failure-rate-threshold=150");
        assertFailsNaming("arcllm.providers.down.modules.circuit-breaker.minimum-calls",
                "arcllm.providers.down.modules.circuit-breaker.minimum-calls=0");
        assertFailsNaming("arcllm.providers.down.modules.circuit-breaker.sliding-window",
                "arcllm.providers.down.modules.circuit-breaker.sliding-window=1500ms");
        assertFailsNaming("arcllm.modules.retry.budget-ratio", "arcllm.modules.retry.budget-ratio=-1");
        assertFailsNaming("arcllm.providers.down.modules.retry.min-retries-per-second",
                "arcllm.providers.down.modules.retry.min-retries-per-second=-1");
        assertFailsNaming("arcllm.defaults.timeout", "arcllm.defaults.timeout=0s");
        assertFailsNaming("arcllm.providers.down.timeout", "arcllm.providers.down.timeout=-1s");
    }

    private void assertFailsNaming(String property, String setting) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            Throwable error = context.getStartupFailure();
            while (error != null && !(error instanceof ArcLlmConfigException config && config.property().isPresent())) {
                error = error.getCause();
            }
            assertThat(error).as(setting).isInstanceOfSatisfying(ArcLlmConfigException.class, e -> {
                assertThat(e.property()).contains(property);
                assertThat(e.getMessage()).startsWith(property + " must be");
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> providers(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("providers");
    }

    /** An application's provider that answers 503 (or never), counting what reaches it. */
    private static final class Down extends StubProvider {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing = true;
        volatile boolean hang;

        Down(String name) {
            super(name);
        }

        @Override
        public Mono<LlmResponse> invoke(LlmRequest request) {
            if (hang) {
                return Mono.never();
            }
            return Mono.defer(() -> {
                calls.incrementAndGet();
                return failing ? Mono.error(new ArcLlmApiException(503, "overloaded", name())) : super.invoke(request);
            });
        }
    }
}

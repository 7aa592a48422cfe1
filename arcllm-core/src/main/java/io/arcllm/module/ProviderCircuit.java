package io.arcllm.module;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.config.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The circuit of one provider id: a Resilience4j {@link CircuitBreaker} (time-based sliding window) shared by
 * every stack and every attempt that goes to that provider. {@link #protect(Mono)} and {@link #protect(Flux)}
 * guard one attempt; the circuit breaker module and streaming use them.
 *
 * <ul>
 *   <li>A failure counts when the {@code countsAsFailure} rule says so (what retry would retry); any other
 *       {@link ArcLlmApiException} counts as a success (the provider answered); other errors (a passed call
 *       deadline among them) and cancelled attempts are not counted at all.</li>
 *   <li>While open, an attempt fails at once with {@link ArcLlmCircuitOpenException}, sending nothing.</li>
 *   <li>A counted failure whose {@code Retry-After} ends later than the open period keeps the circuit open
 *       until then.</li>
 *   <li>After the open period, {@link CircuitBreakerConfig#halfOpenCalls()} probes go through; they close the
 *       circuit or open it again.</li>
 * </ul>
 * Logs WARN when the circuit opens and INFO when it half-opens or closes. Thread-safe.
 */
public final class ProviderCircuit {

    /** A circuit's state, as health details and gauges show it. */
    public enum State {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls are refused at once. */
        OPEN,
        /** A few probe calls go through; the rest are refused. */
        HALF_OPEN
    }

    private static final Logger log = LoggerFactory.getLogger(ProviderCircuit.class);

    private final String provider;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final CircuitBreakerOperator<Object> operator;
    private final ModuleListener listener;
    private volatile Instant requestedUntil = Instant.MIN;
    private volatile Instant openUntil = Instant.MIN;

    /**
     * @param provider the provider id the circuit guards
     * @param countsAsFailure which errors count as failures of the provider, e.g.
     *     {@code e -> RetryableErrors.isRetryable(e, retryConfig.retryableStatusCodes())}
     * @param clock times the sliding window and the open period; tests pass a virtual one
     */
    public ProviderCircuit(String provider, CircuitBreakerConfig config, Predicate<Throwable> countsAsFailure,
                           Clock clock) {
        this(provider, config, countsAsFailure, clock, ModuleListener.NONE);
    }

    /**
     * @param countsAsFailure which errors count as failures of the provider
     * @param clock times the sliding window and the open period; tests pass a virtual one
     * @param listener told of each change of state ({@link ModuleListener#onCircuitTransition}); its exceptions
     *     are ignored
     */
    public ProviderCircuit(String provider, CircuitBreakerConfig config, Predicate<Throwable> countsAsFailure,
                           Clock clock, ModuleListener listener) {
        this.listener = ModuleListener.composite(Objects.requireNonNull(listener, "listener"));
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(countsAsFailure, "countsAsFailure");
        this.breaker = CircuitBreaker.of(provider, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .failureRateThreshold(config.failureRateThreshold())
                .minimumNumberOfCalls(config.minimumCalls())
                .slidingWindow((int) config.slidingWindow().getSeconds(), config.minimumCalls(), SlidingWindowType.TIME_BASED)
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .ignoreException(ProviderCircuit::saysNothingAboutTheProvider)
                .recordException(countsAsFailure)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .build());
        this.breaker.getEventPublisher().onStateTransition(this::onTransition);
        this.operator = CircuitBreakerOperator.of(breaker);
    }

    /** The provider id this circuit guards. */
    public String provider() {
        return provider;
    }

    /** The settings. */
    public CircuitBreakerConfig config() {
        return config;
    }

    /** The current state. */
    public State state() {
        return of(breaker.getState());
    }

    private static State of(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> State.OPEN;
            case HALF_OPEN -> State.HALF_OPEN;
            default -> State.CLOSED;
        };
    }

    /** How long until an open circuit lets probes through; zero unless it is open. */
    public Duration untilHalfOpen() {
        if (state() != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Guards one attempt: refused with {@link ArcLlmCircuitOpenException} while the circuit is open (the
     * attempt is then never subscribed), else subscribed and its outcome counted. Cancelling it frees its
     * permit without counting.
     */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> protect(Mono<T> attempt) {
        return ((Mono<T>) operator.apply((Mono<Object>) attempt))
                .onErrorMap(CallNotPermittedException.class, refused -> refused())
                .doOnError(this::holdForRetryAfter);
    }

    /**
     * Guards one streamed attempt as {@link #protect(Mono)} does; the attempt counts when the stream completes
     * or fails.
     */
    @SuppressWarnings("unchecked")
    public <T> Flux<T> protect(Flux<T> attempt) {
        return ((Flux<T>) operator.apply((Flux<Object>) attempt))
                .onErrorMap(CallNotPermittedException.class, refused -> refused())
                .doOnError(this::holdForRetryAfter);
    }

    /** Errors not counted at all: not an answer or a transport failure, or the caller's own deadline. */
    private static boolean saysNothingAboutTheProvider(Throwable error) {
        if (error instanceof ArcLlmTimeoutException timeout && timeout.isDeadline()) {
            return true;
        }
        return !(error instanceof ArcLlmApiException || error instanceof ArcLlmTransportException);
    }

    private ArcLlmCircuitOpenException refused() {
        return new ArcLlmCircuitOpenException(provider, untilHalfOpen());
    }

    private void holdForRetryAfter(Throwable error) {
        if (!(error instanceof ArcLlmApiException api) || api.retryAfter().isEmpty()
                || api.retryAfter().get().compareTo(config.openDuration()) <= 0 || state() != State.OPEN) {
            return;
        }
        Instant until = clock.instant().plus(api.retryAfter().get());
        if (until.isAfter(openUntil)) {
            requestedUntil = until;
            breaker.transitionToOpenStateUntil(until);
            // Resilience4j publishes no event for OPEN -> OPEN: note the new end here.
            openUntil = until;
            log.warn("[{}] circuit breaker stays open for {} as the provider asked (Retry-After)", provider,
                    seconds(api.retryAfter().get()));
        }
    }

    private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        if (to == CircuitBreaker.State.OPEN) {
            Instant byConfig = clock.instant().plus(config.openDuration());
            Instant asked = requestedUntil;
            openUntil = asked.isAfter(byConfig) ? asked : byConfig;
            if (log.isWarnEnabled()) {
                CircuitBreaker.Metrics metrics = breaker.getMetrics();
                log.warn("[{}] circuit breaker open: {}% of {} attempt(s) failed; refusing calls for {}", provider,
                        Math.round(Math.max(metrics.getFailureRate(), 0)), metrics.getNumberOfBufferedCalls(),
                        seconds(Duration.between(clock.instant(), openUntil)));
            }
        } else if (to == CircuitBreaker.State.HALF_OPEN) {
            log.info("[{}] circuit breaker half-open: letting {} probe call(s) through", provider, config.halfOpenCalls());
        } else if (to == CircuitBreaker.State.CLOSED) {
            log.info("[{}] circuit breaker closed: calls go through again", provider);
        }
        State was = of(event.getStateTransition().getFromState());
        if (of(to) != was) {
            listener.onCircuitTransition(new ModuleListener.CircuitEvent(provider, was, of(to)));
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return "ProviderCircuit[" + provider + ", " + state() + "]";
    }
}

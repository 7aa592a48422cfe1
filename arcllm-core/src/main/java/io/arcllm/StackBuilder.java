package io.arcllm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ModuleKind;
import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.internal.SchedulerClock;
import io.arcllm.module.internal.CircuitBreakerModule;
import io.arcllm.module.internal.DeadlineModule;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.JitterSource;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.internal.ProviderState;
import io.arcllm.module.internal.RequestDefaultsModule;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.module.internal.RetryBudget;
import io.arcllm.module.internal.RetryModule;
import io.arcllm.module.internal.RetryableErrors;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.internal.RateLimiting;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Builds every module stack; the only place that knows the order. Outermost first:
 * <pre>
 * Telemetry → RequestDefaults → [Deadline] → Retry → Fallback → [per attempt: CircuitBreaker → RateLimit] → Adapter
 * Telemetry → RequestDefaults → [Deadline] → Fallback → Retry → [per attempt] → Adapter          (afterRetries)
 * </pre>
 * The per-attempt modules ({@link #PER_ATTEMPT}) sit directly above each adapter, the primary's and each
 * fallback's, with that provider's own settings and shared {@link ProviderState}. A fallback gets no fallback
 * (chains never nest), no telemetry or request defaults (the primary's apply to the whole call), and its own
 * retry only when no retry wraps the fallback module (afterRetries, or retry off for the primary): so in one
 * call no provider is attempted more than {@code maxRetries + 1} times.
 *
 * <p>The call's deadline: a {@link DeadlineModule} sits above retry and fallback when a timeout is configured
 * (default or the provider's). Without one, a request's own {@code timeout} still bounds its call: the outermost of
 * retry, fallback and rate limit starts the deadline, or the adapter itself in a stack without them (the rule of
 * {@code CallDeadline}, timed on this builder's scheduler). So the stacks keep their shape, and a call without any
 * timeout pays nothing for it.
 */
final class StackBuilder {

    /** Modules applied per attempt, outermost first. Adding one is one line here. */
    private static final List<AttemptLayer<?>> PER_ATTEMPT = List.of(
            layer(CircuitBreakerConfig.KIND, (config, inner, attempt) -> new CircuitBreakerModule(
                    attempt.state().get(ProviderCircuit.class, () -> new ProviderCircuit(attempt.providerId(), config,
                            error -> RetryableErrors.isRetryable(error, attempt.retryableStatusCodes()),
                            attempt.clock(), attempt.listener())), inner)),
            layer(RateLimitConfig.KIND, (config, inner, attempt) -> attempt.state()
                    .get(RateLimiting.class, () -> new RateLimiting(null, RateLimitObserver.NONE, attempt.scheduler(),
                            (id, model) -> ProviderSettings.DEFAULT_MAX_TOKENS))
                    .wrap(config, inner, attempt.providerId()))
    );

    private final Function<String, ProviderSlot> slots;
    private final ProviderCatalog catalog;
    private final @Nullable Instrumentation instrumentation;
    private final ModuleListener listener;
    private final @Nullable Scheduler scheduler;
    private final JitterSource jitter;
    private final @Nullable Integer maxTokens;
    private final @Nullable Double temperature;
    private final @Nullable Duration timeout;
    private final Map<String, Duration> timeouts;
    private final Clock clock;

    StackBuilder(Function<String, ProviderSlot> slots, ProviderCatalog catalog, @Nullable Instrumentation instrumentation,
                 ModuleListener listener, @Nullable Scheduler scheduler, JitterSource jitter,
                 @Nullable Integer maxTokens, @Nullable Double temperature, @Nullable Duration timeout,
                 Map<String, Duration> timeouts) {
        this.timeout = timeout;
        this.timeouts = timeouts;
        this.clock = scheduler != null ? new SchedulerClock(scheduler) : Clock.systemUTC();
        this.slots = slots;
        this.catalog = catalog;
        this.instrumentation = instrumentation;
        this.listener = listener;
        this.scheduler = scheduler;
        this.jitter = jitter;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** The whole stack of a primary provider over {@code base} (a handle on its adapter, or an application's provider). */
    LlmProvider primary(ProviderSlot slot, LlmProvider base, ModuleResolution modules) {
        TelemetryConfig telemetry = instrumentation == null ? null : modules.telemetry();
        ModuleListener stackListener = telemetry != null
                ? ModuleListener.composite(listener, instrumentation.listener()) : listener;
        LlmProvider stack = retryAndFallback(slot, perAttempt(slot, base, modules, stackListener), modules, stackListener);
        Duration deadline = timeouts.getOrDefault(slot.id(), timeout);
        if (deadline != null) {
            stack = new DeadlineModule(stack, deadline, scheduler);
        }
        stack = RequestDefaultsModule.wrap(stack, maxTokens, temperature);
        return telemetry != null ? instrumentation.instrument(stack, telemetry, catalog, listener) : stack;
    }

    private LlmProvider retryAndFallback(ProviderSlot slot, LlmProvider attempt, ModuleResolution modules,
                                         ModuleListener stackListener) {
        RetryConfig retry = modules.retry();
        FallbackConfig fallback = modules.fallback();
        if (fallback == null) {
            return retry(slot, attempt, retry, stackListener);
        }
        if (fallback.afterRetries()) {
            return new FallbackModule(fallback, retry(slot, attempt, retry, stackListener),
                    id -> fallback(id, true, stackListener), stackListener, scheduler);
        }
        boolean ownRetry = retry == null;
        return retry(slot, new FallbackModule(fallback, attempt, id -> fallback(id, ownRetry, stackListener), stackListener,
                scheduler), retry, stackListener);
    }

    /** A fallback: a handle on the provider's long-lived adapter under the modules its position allows. */
    private LlmProvider fallback(String id, boolean ownRetry, ModuleListener stackListener) {
        ProviderSlot slot = slots.apply(id);
        LlmProvider attempt = perAttempt(slot, slot.handle(null), slot.modules(), stackListener);
        return ownRetry ? retry(slot, attempt, slot.modules().retry(), stackListener) : attempt;
    }

    /** A retry module spending {@code slot}'s provider's retry budget (shared by every stack retrying it). */
    private LlmProvider retry(ProviderSlot slot, LlmProvider inner, @Nullable RetryConfig retry, ModuleListener stackListener) {
        if (retry == null) {
            return inner;
        }
        RetryBudget budget = slot.state().get(RetryBudget.class,
                () -> new RetryBudget(slot.id(), retry.budgetRatio(), retry.minRetriesPerSecond(), clock));
        return new RetryModule(retry, inner, scheduler, jitter, stackListener, budget);
    }

    private LlmProvider perAttempt(ProviderSlot slot, LlmProvider base, ModuleResolution modules,
                                   ModuleListener stackListener) {
        RetryConfig retry = modules.retry();
        Attempt attempt = new Attempt(slot.id(), slot.state(), stackListener, scheduler, clock,
                retry != null ? retry.retryableStatusCodes() : RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES);
        LlmProvider stack = base;
        for (int i = PER_ATTEMPT.size() - 1; i >= 0; i--) {
            stack = PER_ATTEMPT.get(i).apply(stack, modules, attempt);
        }
        return stack;
    }

    /**
     * What a per-attempt module gets besides its settings.
     *
     * @param providerId the provider the attempt goes to
     * @param state the provider's shared state (a circuit breaker, rate-limit buckets)
     * @param listener the stack's listener
     * @param scheduler where waits are timed; null for Reactor's default
     * @param clock the time of circuits and budgets (the scheduler's when one is given)
     * @param retryableStatusCodes the statuses the provider's retry would retry (what a circuit counts)
     */
    record Attempt(String providerId, ProviderState state, ModuleListener listener, @Nullable Scheduler scheduler,
                   Clock clock, Set<Integer> retryableStatusCodes) {
    }

    /** Creates one per-attempt module from its settings. */
    @FunctionalInterface
    interface ModuleFactory<C> {
        LlmProvider wrap(C settings, LlmProvider inner, Attempt attempt);
    }

    /** A per-attempt module: applied when its settings resolve on for the provider. */
    record AttemptLayer<C>(ModuleKind<C, ?> kind, ModuleFactory<C> factory) {
        LlmProvider apply(LlmProvider inner, ModuleResolution modules, Attempt attempt) {
            return modules.get(kind).map(settings -> factory.wrap(settings, inner, attempt)).orElse(inner);
        }
    }

    static <C> AttemptLayer<C> layer(ModuleKind<C, ?> kind, ModuleFactory<C> factory) {
        return new AttemptLayer<>(kind, factory);
    }
}

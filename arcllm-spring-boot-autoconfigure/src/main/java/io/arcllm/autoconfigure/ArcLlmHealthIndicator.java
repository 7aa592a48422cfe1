package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.arcllm.ProviderRegistry;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.internal.RateLimiter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code arcllm} health indicator: for each provider id the registry knows (and any other id a call was seen
 * for), whether it is configured, whether an API key is present (never the key), its default model, and the last
 * call outcome and time from the {@link ProviderCallRecorder}, with the rate-limit module its remaining budgets, and
 * with the circuit breaker module its circuit's state.
 * It never calls a provider. Its status is always
 * {@code UP}: a provider failing is for the metrics and alerts, and must not take the application out of a load
 * balancer or get it restarted.
 *
 * <pre>
 * "arcllm": {"status": "UP", "details": {"defaultProvider": "anthropic", "providers": {
 *     "anthropic": {"configured": true, "apiKeyPresent": true, "model": "claude-sonnet-4-20250514",
 *                   "lastCall": {"outcome": "success", "errorType": "none", "at": "2025-06-01T10:15:30Z"}}}}}
 * </pre>
 */
public final class ArcLlmHealthIndicator implements HealthIndicator {

    private final ProviderRegistry registry;
    private final ProviderCallRecorder recorder;
    private final String defaultProvider;
    private final Predicate<String> configured;
    private final Function<String, String> env;

    /**
     * @param defaultProvider the id of the primary provider ({@code arcllm.defaults.provider})
     * @param configured whether the application configured an id (has its properties or an {@code LlmProvider} bean)
     * @param env looks up environment variables, to tell whether a key is present
     */
    public ArcLlmHealthIndicator(ProviderRegistry registry, ProviderCallRecorder recorder, String defaultProvider,
                                 Predicate<String> configured, Function<String, String> env) {
        this.registry = registry;
        this.recorder = recorder;
        this.defaultProvider = defaultProvider;
        this.configured = configured;
        this.env = env;
    }

    /**
     * What the rate limit holds for the provider (when its stacks have the module): each budget's remaining tokens
     * or requests (from the shared store, or this JVM's buckets; left out if the store does not answer within a
     * second), what the provider last reported, and how long a provider's {@code Retry-After} still pauses it.
     */
    private Optional<Map<String, Object>> rateLimit(String id) {
        RateLimiter limiter = registry.rateLimiters().get(id);
        if (limiter == null) {
            return Optional.empty();
        }
        Map<String, Object> limit = new LinkedHashMap<>();
        Map<RateLimitBudget, Long> remaining = limiter.remaining().onErrorReturn(Map.of())
                .blockOptional(Duration.ofSeconds(1)).orElse(Map.of());
        limit.put("remaining", byId(remaining));
        if (!limiter.reportedRemaining().isEmpty()) {
            limit.put("reportedByProvider", byId(limiter.reportedRemaining()));
        }
        limit.put("pausedForMillis", limiter.pausedFor().toMillis());
        return Optional.of(limit);
    }

    /**
     * The provider's circuit (when its stacks have the circuit breaker module): its state
     * ({@code closed}, {@code open}, {@code half-open}) and, while open, how long until it lets probes through.
     */
    private Optional<Map<String, Object>> circuit(String id) {
        ProviderCircuit circuit = registry.circuits().get(id);
        if (circuit == null) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        ProviderCircuit.State state = circuit.state();
        details.put("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (state == ProviderCircuit.State.OPEN) {
            details.put("halfOpenInMillis", circuit.untilHalfOpen().toMillis());
        }
        return Optional.of(details);
    }

    private static Map<String, Long> byId(Map<RateLimitBudget, Long> values) {
        Map<String, Long> byId = new TreeMap<>();
        values.forEach((budget, value) -> byId.put(budget.id(), value));
        return byId;
    }

    @Override
    public Health health() {
        TreeSet<String> ids = new TreeSet<>(registry.ids());
        ids.addAll(recorder.lastCalls().keySet());
        ids.addAll(registry.circuits().keySet());
        Map<String, Object> providers = new LinkedHashMap<>();
        ids.forEach(id -> providers.put(id, provider(id)));
        return Health.up().withDetail("defaultProvider", defaultProvider).withDetail("providers", providers).build();
    }

    private Map<String, Object> provider(String id) {
        Map<String, Object> details = new LinkedHashMap<>();
        ProviderSettings settings = registry.catalog().find(id).orElse(null);
        details.put("configured", configured.test(id));
        if (settings != null) {
            details.put("apiKeyPresent", settings.hasApiKey(env));
            details.put("model", settings.defaultModel());
        }
        rateLimit(id).ifPresent(limit -> details.put("rateLimit", limit));
        circuit(id).ifPresent(circuit -> details.put("circuit", circuit));
        recorder.lastCall(id).ifPresent(last -> details.put("lastCall", Map.of(
                "outcome", last.succeeded() ? "success" : "failure",
                "errorType", last.errorType(),
                "at", last.at().toString())));
        return details;
    }
}

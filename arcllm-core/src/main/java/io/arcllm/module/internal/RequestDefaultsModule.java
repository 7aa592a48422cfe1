package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fills in the options a request leaves unset: the token limit and the temperature (in Spring,
 * {@code arcllm.defaults.max-tokens} and {@code temperature}). A request that sets them keeps its own
 * values. {@link io.arcllm.ProviderRegistry} puts it above retry and fallback (below telemetry), so the
 * primary provider and every fallback receive the same, completed request.
 */
public final class RequestDefaultsModule extends BaseModule {

    private final @Nullable Integer maxTokens;
    private final @Nullable Double temperature;

    /**
     * @param maxTokens the token limit for requests that set none; null to leave it unset
     * @param temperature the temperature for requests that set none; null to leave it unset
     */
    public RequestDefaultsModule(LlmProvider inner, @Nullable Integer maxTokens, @Nullable Double temperature) {
        super(inner);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** {@code provider} in a {@code RequestDefaultsModule}, or {@code provider} itself when both defaults are null. */
    public static LlmProvider wrap(LlmProvider provider, @Nullable Integer maxTokens, @Nullable Double temperature) {
        return maxTokens == null && temperature == null ? provider : new RequestDefaultsModule(provider, maxTokens, temperature);
    }

    /** The default token limit, or null. */
    public @Nullable Integer maxTokens() {
        return maxTokens;
    }

    /** The default temperature, or null. */
    public @Nullable Double temperature() {
        return temperature;
    }

    /** Sends the request with unset options filled in. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return inner().invoke(complete(request));
    }

    /** Streams the request with unset options filled in. */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        return inner().stream(complete(request));
    }

    private LlmRequest complete(LlmRequest request) {
        boolean fillMaxTokens = request.maxTokens() == null && maxTokens != null;
        boolean fillTemperature = request.temperature() == null && temperature != null;
        if (!fillMaxTokens && !fillTemperature) {
            return request;
        }
        LlmRequest.Builder completed = request.toBuilder();
        if (fillMaxTokens) {
            completed.maxTokens(maxTokens);
        }
        if (fillTemperature) {
            completed.temperature(temperature);
        }
        return completed.build();
    }
}

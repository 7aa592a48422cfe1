package io.arcllm.telemetry;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link TelemetryModule} knows about one logical call, for the {@link LlmObservationConvention}: the
 * provider and model asked, the request, and — as the call goes on — retries, the fallback that answered,
 * the response or the error. Retry and fallback events reach it through the call's Reactor context (see
 * {@link ArcLlmTelemetry}), so it is updated from other threads; its mutable state is thread-safe.
 */
public final class LlmObservationContext extends Observation.Context {

    private final String provider;
    private final String requestModel;
    private final LlmRequest request;
    private final boolean includeContent;
    private final AtomicInteger retries = new AtomicInteger();
    private volatile @Nullable String fallbackProvider;
    private volatile @Nullable LlmResponse response;
    private volatile boolean cancelled;

    /**
     * @param provider the provider id called
     * @param requestModel the model asked for
     * @param request what was sent
     * @param includeContent whether the convention may record the prompt and the answer
     */
    public LlmObservationContext(String provider, String requestModel, LlmRequest request, boolean includeContent) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.requestModel = Objects.requireNonNull(requestModel, "requestModel");
        this.request = Objects.requireNonNull(request, "request");
        this.includeContent = includeContent;
    }

    /** The provider id called: the stack's {@code name()}. */
    public String provider() {
        return provider;
    }

    /** The model asked for: the stack's {@code modelName()}. */
    public String requestModel() {
        return requestModel;
    }

    /** The request as the telemetry module received it. */
    public LlmRequest request() {
        return request;
    }

    /** Whether the prompt and the answer may be recorded. */
    public boolean includeContent() {
        return includeContent;
    }

    /** The answer, once the call succeeded. */
    public @Nullable LlmResponse response() {
        return response;
    }

    /** Records the answer. */
    public void setResponse(@Nullable LlmResponse response) {
        this.response = response;
    }

    /** How many retries the call took so far, over all providers tried. */
    public int retries() {
        return retries.get();
    }

    /** Counts one retry. */
    public void retried() {
        retries.incrementAndGet();
    }

    /** The fallback provider that answered, if one did. */
    public @Nullable String fallbackProvider() {
        return fallbackProvider;
    }

    /** Records that the fallback {@code providerId} answered. */
    public void answeredByFallback(String providerId) {
        this.fallbackProvider = providerId;
    }

    /** The id of the provider whose answer the caller gets: the fallback's, else {@link #provider()}. */
    public String answeredBy() {
        String fallback = fallbackProvider;
        return fallback != null ? fallback : provider;
    }

    /** Whether the caller cancelled the call before it ended. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Records that the caller cancelled the call. */
    public void setCancelled() {
        this.cancelled = true;
    }
}

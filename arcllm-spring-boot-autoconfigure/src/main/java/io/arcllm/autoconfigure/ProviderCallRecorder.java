package io.arcllm.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.arcllm.module.internal.ErrorTypes;
import io.arcllm.module.ModuleListener;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the last outcome of each provider id, from the modules' events, for the health indicator; it never
 * calls a provider. A call observed by telemetry records its provider's outcome; a fallback records that the
 * primary failed and how the fallback fared. A call answered by a fallback therefore leaves the primary marked
 * failed and the fallback succeeded. Without telemetry only fallbacks are seen. Thread-safe.
 */
public final class ProviderCallRecorder implements ModuleListener {

    private final Clock clock;
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    /** @param clock when outcomes are recorded */
    public ProviderCallRecorder(Clock clock) {
        this.clock = clock;
    }

    /**
     * The last outcome seen for a provider.
     *
     * @param succeeded whether it answered
     * @param errorType how it failed ({@link ErrorTypes}), {@value ErrorTypes#NONE} when it answered
     * @param at when the outcome was seen
     */
    public record LastCall(boolean succeeded, String errorType, Instant at) {
    }

    @Override
    public void onCall(CallEvent event) {
        if (!event.succeeded()) {
            record(event.provider(), event.error());
        } else if (event.provider().equals(event.answeredBy())) {
            record(event.provider(), null);
        }
        // Answered by a fallback: the fallback events already recorded both providers.
    }

    @Override
    public void onFallback(FallbackEvent event) {
        record(event.from(), event.fromError());
        record(event.to(), event.outcome() == Outcome.SUCCESS ? null : event.error());
    }

    /** The last outcome seen for {@code providerId}, if any. */
    public Optional<LastCall> lastCall(String providerId) {
        return Optional.ofNullable(lastCalls.get(providerId));
    }

    /** Every provider id an outcome was seen for. */
    public Map<String, LastCall> lastCalls() {
        return Map.copyOf(lastCalls);
    }

    private void record(String providerId, @Nullable Throwable error) {
        lastCalls.put(providerId, new LastCall(error == null, ErrorTypes.of(error), clock.instant()));
    }
}

package io.arcllm.module;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ModuleListener} keeping every event it hears, in order. */
public final class RecordingListener implements ModuleListener {

    private final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
    private final List<FallbackEvent> fallbacks = new CopyOnWriteArrayList<>();
    private final List<CallEvent> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onRetry(RetryEvent event) {
        retries.add(event);
    }

    @Override
    public void onFallback(FallbackEvent event) {
        fallbacks.add(event);
    }

    @Override
    public void onCall(CallEvent event) {
        calls.add(event);
    }

    /** The retry events heard. */
    public List<RetryEvent> retries() {
        return List.copyOf(retries);
    }

    /** The fallback events heard. */
    public List<FallbackEvent> fallbacks() {
        return List.copyOf(fallbacks);
    }

    /** The call events heard. */
    public List<CallEvent> calls() {
        return List.copyOf(calls);
    }
}

package io.arcllm.module;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every listener in order, each guarded: see {@link ModuleListener#composite(List)}. */
final class CompositeModuleListener implements ModuleListener {

    private static final Logger log = LoggerFactory.getLogger(ModuleListener.class);

    private final List<ModuleListener> listeners;

    CompositeModuleListener(List<ModuleListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onRetry(RetryEvent event) {
        listeners.forEach(listener -> guarded(listener, () -> listener.onRetry(event)));
    }

    @Override
    public void onFallback(FallbackEvent event) {
        listeners.forEach(listener -> guarded(listener, () -> listener.onFallback(event)));
    }

    @Override
    public void onCircuitTransition(CircuitEvent event) {
        listeners.forEach(listener -> guarded(listener, () -> listener.onCircuitTransition(event)));
    }

    @Override
    public void onRetryRefused(RetryRefusedEvent event) {
        listeners.forEach(listener -> guarded(listener, () -> listener.onRetryRefused(event)));
    }

    @Override
    public void onCall(CallEvent event) {
        listeners.forEach(listener -> guarded(listener, () -> listener.onCall(event)));
    }

    @Override
    public String toString() {
        return "CompositeModuleListener" + listeners;
    }

    private static void guarded(ModuleListener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("module listener {} failed; the call goes on", listener, e);
        }
    }
}

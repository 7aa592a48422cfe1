package io.arcllm;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import reactor.core.publisher.Mono;

/**
 * Waits for a {@code Mono} and rethrows its error as it is. Reactor's {@code block()} adds a
 * {@code "#block terminated with an error"} marker to the suppressed exceptions of the error it rethrows,
 * which would change the error a fallback chain promises to signal unchanged.
 */
final class Blocking {

    private Blocking() {
    }

    static <T> T await(Mono<T> mono, String provider) {
        CompletableFuture<T> future = mono.toFuture();
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable error = e.getCause();
            if (error instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (error instanceof Error fatal) {
                throw fatal;
            }
            throw new ArcLlmTransportException(provider, error);
        } catch (CancellationException e) {
            throw new ArcLlmTransportException(provider, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ArcLlmTransportException(provider, e);
        }
    }
}

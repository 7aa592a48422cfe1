package io.arcllm.walkthrough;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Runs a call to completion in virtual time: the walkthrough's {@code await module.invoke(...)} with
 * {@code asyncio.sleep} patched out. Inject {@link #scheduler()} into the modules under test.
 */
final class VirtualTime {

    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

    VirtualTimeScheduler scheduler() {
        return scheduler;
    }

    /** Subscribes, lets a virtual day pass, and returns the value (or throws the signalled error as is). */
    <T> T await(Mono<T> call) {
        CompletableFuture<T> result = run(call);
        try {
            return result.join();
        } catch (CompletionException e) {
            throw sneaky(e.getCause());
        }
    }

    /** Subscribes, lets a virtual day pass, and returns the error the call signalled. */
    Throwable awaitError(Mono<?> call) {
        CompletableFuture<?> result = run(call);
        try {
            throw new AssertionError("expected an error, got " + result.join());
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private <T> CompletableFuture<T> run(Mono<T> call) {
        CompletableFuture<T> result = call.toFuture();
        scheduler.advanceTimeBy(Duration.ofDays(1));
        if (!result.isDone()) {
            throw new AssertionError("call did not complete within a virtual day");
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}

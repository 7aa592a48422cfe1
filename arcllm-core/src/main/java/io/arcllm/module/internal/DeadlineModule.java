package io.arcllm.module.internal;

import java.time.Duration;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.internal.CallDeadline;
import io.arcllm.module.BaseModule;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Gives each logical call one deadline across all its retries and fallbacks: the request's own
 * {@link LlmRequest#timeout()}, else this module's {@code timeout} ({@code arcllm.defaults.timeout}, or the
 * provider's). It sits above retry and fallback. Below it:
 * <ul>
 *   <li>retry never starts a wait that would end past the deadline; it gives up with the last error;</li>
 *   <li>a fallback gets the time that remains, and each HTTP attempt caps its read timeout at it;</li>
 *   <li>when the deadline passes, whatever is in flight is cancelled and the caller gets an
 *       {@link ArcLlmTimeoutException} whose {@link ArcLlmTimeoutException#isDeadline()} is true, naming the
 *       deadline, the attempts made and the providers tried.</li>
 * </ul>
 * The same holds for {@link #stream}: the deadline bounds the whole stream. A call with neither timeout passes
 * through untouched (nothing allocated, no timer). A stack nested in another call (a fallback's) keeps the outer
 * call's deadline. A stack without this module still honours a request's own timeout: retry, fallback, rate limit or
 * the adapter starts the deadline by the same rule ({@link CallDeadline}). A caller's own {@code Mono.timeout} or cancellation
 * still stops everything below.
 */
public final class DeadlineModule extends BaseModule {

    private final @Nullable Duration timeout;
    private final @Nullable Scheduler scheduler;

    /**
     * @param timeout the deadline of calls whose request sets none; null for no default deadline
     * @param scheduler whose clock and timer the deadline follows; null for {@link Schedulers#parallel()},
     *     looked up at each call (so {@code StepVerifier.withVirtualTime} takes effect)
     * @throws ArcLlmConfigException naming {@code timeout} if it is zero or negative
     */
    public DeadlineModule(LlmProvider inner, @Nullable Duration timeout, @Nullable Scheduler scheduler) {
        super(inner);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new ArcLlmConfigException("timeout must be > 0, was " + timeout);
        }
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    /** The default deadline, or null. */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /** Sends the request under its deadline; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        Duration limit = request.timeout() != null ? request.timeout() : timeout;
        if (limit == null) {
            return inner().invoke(request);
        }
        return CallDeadline.within(Mono.defer(() -> inner().invoke(request)), limit, scheduler);
    }

    /**
     * Streams the request under its deadline, which bounds the whole stream: retries and fallbacks before the first
     * event get the time that remains; when it passes before the first event the subscriber gets the deadline's
     * {@link ArcLlmTimeoutException}; when it passes later the events delivered stay delivered and the stream ends
     * with that same error as the cause of an {@link io.arcllm.ArcLlmStreamInterruptedException} holding the partial
     * response, as every failure after content does.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        Duration limit = request.timeout() != null ? request.timeout() : timeout;
        if (limit == null) {
            return inner().stream(request);
        }
        return CallDeadline.within(Flux.defer(() -> inner().stream(request)), limit, scheduler, name());
    }
}

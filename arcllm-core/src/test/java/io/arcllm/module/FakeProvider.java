package io.arcllm.module;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A test double of an {@link LlmProvider} (the walkthrough's {@code make_inner}): answers each
 * {@code invoke} with the next scripted outcome and records every call, its time and every close.
 */
public final class FakeProvider implements LlmProvider {

    /** The walkthrough's {@code OK} response. */
    public static final LlmResponse OK = new LlmResponse("Success!", new Usage(10, 5, 15), "test-model", StopReason.END_TURN);

    private final String name;
    private final Function<LlmRequest, Mono<LlmResponse>> behaviour;
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final List<LlmRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> invocationNanos = Collections.synchronizedList(new ArrayList<>());
    private volatile @Nullable Scheduler clock;

    private FakeProvider(String name, Function<LlmRequest, Mono<LlmResponse>> behaviour) {
        this.name = name;
        this.behaviour = behaviour;
    }

    /**
     * Answers the n-th invoke with the n-th outcome: an {@link LlmResponse} is emitted, a {@link Throwable}
     * signalled (the same instance). Further invokes fail with an {@link AssertionError}.
     */
    public static FakeProvider scripted(String name, Object... outcomes) {
        Queue<Object> queue = new ConcurrentLinkedQueue<>(List.of(outcomes));
        return new FakeProvider(name, request -> {
            Object next = queue.poll();
            if (next == null) {
                return Mono.error(new AssertionError(name + " invoked more often than scripted"));
            }
            return next instanceof Throwable error ? Mono.error(error) : Mono.just((LlmResponse) next);
        });
    }

    /** {@link #scripted} with the name {@code test-provider}. */
    public static FakeProvider scripted(Object... outcomes) {
        return scripted("test-provider", outcomes);
    }

    /** Answers with whatever {@code behaviour} returns for the request. */
    public static FakeProvider answering(String name, Function<LlmRequest, Mono<LlmResponse>> behaviour) {
        return new FakeProvider(name, behaviour);
    }

    /** The walkthrough's {@code api_error(status)}: body {@code "HTTP <status>"}, provider {@code anthropic}. */
    public static ArcLlmApiException apiError(int status) {
        return new ArcLlmApiException(status, "HTTP " + status, "anthropic");
    }

    /**
     * Records invocation times on this scheduler's clock (e.g. a {@code VirtualTimeScheduler}); by default
     * on {@code Schedulers.parallel()}'s, which is virtual inside {@code StepVerifier.withVirtualTime}.
     */
    public FakeProvider clock(Scheduler scheduler) {
        this.clock = scheduler;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String modelName() {
        return "test-model";
    }

    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        invocations.incrementAndGet();
        requests.add(request);
        Scheduler scheduler = clock;
        invocationNanos.add((scheduler != null ? scheduler : Schedulers.parallel()).now(TimeUnit.NANOSECONDS));
        return behaviour.apply(request);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** How often {@code invoke} was called (the walkthrough's {@code await_count}). */
    public int invocations() {
        return invocations.get();
    }

    /** How often {@code close} was called. */
    public int closes() {
        return closes.get();
    }

    /** The requests received, in order. */
    public List<LlmRequest> requests() {
        return List.copyOf(requests);
    }

    /** The waits between consecutive invocations, on the clock (see {@link #clock(Scheduler)}). */
    public List<Duration> waits() {
        List<Long> times = List.copyOf(invocationNanos);
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            waits.add(Duration.ofNanos(times.get(i) - times.get(i - 1)));
        }
        return waits;
    }

    @Override
    public String toString() {
        return "FakeProvider[" + name + "]";
    }
}

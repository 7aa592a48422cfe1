package io.arcllm.bench.scale;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.UnixOperatingSystemMXBean;
import io.arcllm.bench.load.BenchClient;
import io.arcllm.bench.load.ResourceMeter;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.bench.stub.StubAnthropicServer;
import io.arcllm.config.HttpVersion;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Measures one client at one scale against the stub: a first wave of {@code inFlight} calls started at once (the
 * heap is measured while all of them are in flight), then {@code calls} measured calls with {@code inFlight} kept in
 * flight. Fails loudly when a call fails, an answer is not the canned one, or the stub answered more requests than
 * were made (hidden retries).
 */
final class ScaleDriver {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    /** How long after the first wave is started the heap is measured: all calls subscribed, none answered yet. */
    private static final long SNAPSHOT_AFTER_MILLIS = 400;

    private final StubAnthropicServer stub;
    private final ResourceMeter meter;

    ScaleDriver(StubAnthropicServer stub, ResourceMeter meter) {
        this.stub = stub;
        this.meter = meter;
    }

    /**
     * @param warmupCalls unmeasured calls after the first wave, {@code inFlight} at a time
     * @throws IllegalStateException if a call failed or was answered wrongly
     */
    ScaleRow run(ScaleClients.Kind kind, HttpVersion version, int maxConnections, int inFlight, int warmupCalls, int calls) {
        long connectionsBefore = stub.connectionCount();
        try (BenchClient client = ScaleClients.create(kind, stub.baseUrl(), version, maxConnections)) {
            long heapPerCall = firstWave(client, inFlight);
            if (warmupCalls > 0) {
                calls(client, warmupCalls, inFlight, new AtomicInteger(), new AtomicInteger()).block(RUN_TIMEOUT);
            }
            long answeredBefore = stub.requestCount();
            ResourceMeter.Measurement measurement = meter.start();
            long start = System.nanoTime();
            calls(client, calls, inFlight, new AtomicInteger(), new AtomicInteger()).block(RUN_TIMEOUT);
            long elapsed = System.nanoTime() - start;
            ResourceMeter.Usage usage = measurement.stop();
            long openFds = openFileDescriptors();
            long answered = stub.requestCount() - answeredBefore;
            if (answered != calls) {
                throw new IllegalStateException(client.label() + ": the stub answered " + answered + " requests for " + calls + " calls");
            }
            return new ScaleRow(client.label(), version, inFlight, maxConnections, calls, calls / (elapsed / 1e9),
                    usage.peakThreads(), heapPerCall, openFds,
                    stub.connectionCount() - connectionsBefore, usage.cpuNanos() / 1e3 / calls);
        } finally {
            meter.collectGarbage();
        }
    }

    /** Starts {@code inFlight} calls at once, measures the heap while they are all in flight, waits for them. */
    private long firstWave(BenchClient client, int inFlight) {
        meter.collectGarbage();
        long heapBefore = usedHeap();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CompletableFuture<Void> wave = calls(client, inFlight, inFlight, started, finished).toFuture();
        sleep(SNAPSHOT_AFTER_MILLIS);
        meter.collectGarbage();
        long heapInFlight = usedHeap();
        int inFlightNow = started.get() - finished.get();
        wave.join();
        return inFlightNow <= 0 ? 0 : Math.max(0, heapInFlight - heapBefore) / inFlightNow;
    }

    private static Mono<Void> calls(BenchClient client, int calls, int concurrency, AtomicInteger started, AtomicInteger finished) {
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        return Flux.range(0, calls)
                .flatMap(i -> client.call()
                        .doOnSubscribe(s -> started.incrementAndGet())
                        .doOnNext(text -> {
                            if (text.length() != CannedAnswers.ANSWER_TEXT_LENGTH) {
                                throw new IllegalStateException("wrong answer: " + text.length() + " characters");
                            }
                        })
                        .doFinally(signal -> finished.incrementAndGet())
                        .onErrorResume(e -> {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                            return Mono.empty();
                        }), concurrency, 1)
                .then(Mono.defer(() -> failures.get() == 0 ? Mono.<Void>empty() : Mono.error(new IllegalStateException(
                        client.label() + ": " + failures.get() + " of " + calls + " calls failed", firstFailure.get()))));
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The JVM's open file descriptors (sockets included), or -1 where the OS does not say. */
    static long openFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

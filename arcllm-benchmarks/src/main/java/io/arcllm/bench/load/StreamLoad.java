package io.arcllm.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.bench.stub.StubAnthropicServer;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many concurrent streams through the ArcLLM Anthropic adapter against the stub's streaming mode: each round starts
 * {@code streams} streams at once, each of {@code deltas} text deltas sent without pause, and measures the events
 * per second over the round, each stream's time to its first text delta, and the JVM's peak live threads. A smaller
 * round (a tenth of the streams) runs first, so the report shows whether threads grow with the number of streams.
 * A round fails loudly when a stream errs or misses an event.
 */
public final class StreamLoad {

    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("Summarize the incident report.")));

    private final StubAnthropicServer stub;
    private final ResourceMeter meter;
    private final Consumer<String> progress;

    public StreamLoad(StubAnthropicServer stub, ResourceMeter meter, Consumer<String> progress) {
        this.stub = Objects.requireNonNull(stub, "stub");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * One measured configuration.
     *
     * @param streams streams in flight at once
     * @param eventsPerStream events each stream delivered (text deltas plus start, usage and stop)
     * @param peakThreads the JVM's peak live threads during the measured rounds (the stub's own two included)
     * @param eventsPerSecond normalized events delivered per second, over all measured rounds
     * @param firstEventP50Millis median time from subscribing to the first text delta
     * @param firstEventP99Millis 99th percentile of the same
     */
    public record Result(int streams, int eventsPerStream, int rounds, int peakThreads, double eventsPerSecond,
                         double firstEventP50Millis, double firstEventP99Millis) {
    }

    /** Runs {@code rounds} measured rounds (after one warm-up round) of {@code streams} streams of {@code deltas} deltas. */
    public Result run(int streams, int deltas, int rounds) {
        stub.delay(Duration.ZERO);
        stub.streamDeltas(deltas);
        try (LlmProvider adapter = adapter()) {
            round(adapter, streams, deltas); // opens the pool's connections and warms the JIT
            long[] firstEvents = new long[streams * rounds];
            long events = 0;
            long elapsed = 0;
            int peakThreads = 0;
            for (int r = 0; r < rounds; r++) {
                meter.collectGarbage();
                ResourceMeter.Measurement measurement = meter.start();
                long start = System.nanoTime();
                Round round = round(adapter, streams, deltas);
                long took = System.nanoTime() - start;
                ResourceMeter.Usage usage = measurement.stop();
                System.arraycopy(round.firstEvents, 0, firstEvents, r * streams, streams);
                events += round.events;
                elapsed += took;
                peakThreads = Math.max(peakThreads, usage.peakThreads());
                progress.accept(String.format("  streams %,5d x %d deltas, round %d/%d: %,10.0f events/s  first event p50 %7.1f ms  peak threads %d",
                        streams, deltas, r + 1, rounds, round.events / (took / 1e9),
                        ClientResult.percentile(round.firstEvents.clone(), 50) / 1e6, usage.peakThreads()));
            }
            return new Result(streams, (int) (events / ((long) streams * rounds)), rounds, peakThreads, events / (elapsed / 1e9),
                    ClientResult.percentile(firstEvents.clone(), 50) / 1e6, ClientResult.percentile(firstEvents.clone(), 99) / 1e6);
        } finally {
            stub.streamDeltas(0);
        }
    }

    private record Round(long[] firstEvents, long events) {
    }

    private Round round(LlmProvider adapter, int streams, int deltas) {
        long[] firstEvents = new long[streams];
        AtomicLong events = new AtomicLong();
        Flux.range(0, streams)
                .flatMap(i -> one(adapter, deltas, firstEvents, i, events), streams)
                .blockLast(ROUND_TIMEOUT);
        if (Arrays.stream(firstEvents).anyMatch(t -> t == 0)) {
            throw new IllegalStateException("a stream delivered no text delta");
        }
        return new Round(firstEvents, events.get());
    }

    private static Mono<Void> one(LlmProvider adapter, int deltas, long[] firstEvents, int slot, AtomicLong events) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            long[] texts = {0};
            return adapter.stream(REQUEST)
                    .doOnNext(event -> {
                        if (event instanceof LlmStreamEvent.TextDelta && texts[0]++ == 0) {
                            firstEvents[slot] = Math.max(1, System.nanoTime() - start);
                        }
                    })
                    .count()
                    .doOnNext(count -> {
                        if (texts[0] != deltas) {
                            throw new IllegalStateException("a stream delivered " + texts[0] + " of " + deltas + " deltas");
                        }
                        events.addAndGet(count);
                    })
                    .then();
        });
    }

    private LlmProvider adapter() {
        ProviderSettings settings = ProviderSettings.builder("anthropic", ApiFormat.ANTHROPIC)
                .baseUrl(stub.baseUrl())
                .apiKeyEnv("ANTHROPIC_API_KEY")
                .defaultModel("claude-sonnet-4-20250514")
                .build();
        return new AnthropicAdapter(settings, settings.defaultModel(), WebClient.builder(), ApiKey.of("sk-ant-bench-key"));
    }

    /** The report's section for {@code results}. */
    public static String render(List<Result> results) {
        StringBuilder out = new StringBuilder("## Streaming\n\n"
                + "Concurrent streams through the ArcLLM Anthropic adapter (`stream()`), each answer 200 text deltas sent by\n"
                + "the stub without pause, so the figure is the client's ceiling, not a model's pace. First event: from\n"
                + "subscribing to the first text delta. Threads: the JVM's peak live threads, the stub's two included.\n\n"
                + "| Streams in flight | Events per stream | Rounds | Peak threads | Events/s | First event p50 | First event p99 |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format("| %,d | %d | %d | %d | %,.0f | %.1f ms | %.1f ms |%n", r.streams(), r.eventsPerStream(),
                    r.rounds(), r.peakThreads(), r.eventsPerSecond(), r.firstEventP50Millis(), r.firstEventP99Millis()));
        }
        return out.toString();
    }
}

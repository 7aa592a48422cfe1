package io.arcllm.bench.jmh;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * What the modules add to a call, over an in-memory provider that answers at once (subscribed and blocked
 * on like a real one): the provider alone, and the full stack {@code Retry(Fallback(provider))} as the
 * registry builds it. No faults, so neither module acts; this is their bookkeeping cost per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class ModuleStackBenchmarks {

    private static final LlmResponse ANSWER = new LlmResponse("4", new Usage(12, 6), CannedAnswers.MODEL,
            StopReason.END_TURN);

    private final LlmRequest request = BenchClients.request();
    private final LlmProvider inMemory = new InMemoryProvider();
    private final LlmProvider fullStack = new RetryModule(RetryConfig.defaults(),
            new FallbackModule(FallbackConfig.builder().chain("backup").build(), inMemory,
                    (id, excluded) -> new InMemoryProvider(), Set.of(RetryModule.NAME, FallbackModule.NAME)));

    /** The in-memory provider alone. */
    @Benchmark
    public LlmResponse bare() {
        return inMemory.invoke(request).block();
    }

    /** Retry around fallback around it: the benchmarked full stack. */
    @Benchmark
    public LlmResponse retryAndFallback() {
        return fullStack.invoke(request).block();
    }

    /** Answers every request at once with a fixed response. */
    static final class InMemoryProvider implements LlmProvider {

        @Override
        public String name() {
            return "anthropic";
        }

        @Override
        public String modelName() {
            return CannedAnswers.MODEL;
        }

        @Override
        public Mono<LlmResponse> invoke(LlmRequest request) {
            // hide(): a real provider's Mono is not a Callable, which block() would short-cut without subscribing.
            return Mono.just(ANSWER).hide();
        }
    }
}

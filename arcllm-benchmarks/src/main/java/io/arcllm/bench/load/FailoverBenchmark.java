package io.arcllm.bench.load;

import java.time.Duration;
import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.Adapters;
import io.arcllm.bench.stub.StubAnthropicServer;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.internal.FallbackModule;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * "Primary always 503, fallback answers": every call fails on the primary stub and is answered by the fallback
 * stub, at a fixed number of calls in flight. Measures throughput and the TCP connections each stub accepted
 * during the measured calls (after a warm-up that fills the pools). Two stacks:
 * <ul>
 *   <li>{@code registry}: the fallback module as {@link ProviderRegistry} builds it, reusing the fallback
 *       provider's long-lived adapter (one pool per provider id);</li>
 *   <li>{@code per-attempt adapter}: the same module with a loader that creates a new adapter (and pool) for
 *       every fallback attempt and closes it after, as the registry did before.</li>
 * </ul>
 * Run: {@code java -cp arcllm-benchmarks/target/arcllm-benchmarks.jar io.arcllm.bench.load.FailoverBenchmark [calls] [inFlight]}.
 */
public final class FailoverBenchmark {

    private FailoverBenchmark() {
    }

    /** Runs both stacks and prints one line each. */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (StubAnthropicServer primary = StubAnthropicServer.start(1);
             StubAnthropicServer fallback = StubAnthropicServer.start(1)) {
            primary.failWith(503);
            System.out.println(run("registry (long-lived fallback)", primary, fallback, calls, inFlight, false));
            System.out.println(run("per-attempt adapter (before)", primary, fallback, calls, inFlight, true));
        }
    }

    /** One measured run; the result line names the stack, throughput and new connections per stub. */
    static Result run(String label, StubAnthropicServer primary, StubAnthropicServer fallback, int calls, int inFlight,
                      boolean adapterPerAttempt) {
        ProviderSettings anthropic = settings("anthropic", primary);
        ProviderSettings backup = settings("anthropic_backup", fallback);
        try (ProviderRegistry registry = ProviderRegistry.builder()
                .catalog(ProviderCatalog.of(Map.of("anthropic", anthropic, "anthropic_backup", backup)))
                .modules(ModuleDefaults.builder().fallbackEnabled(true).fallback(f -> f.chain("anthropic_backup")).build())
                .env(name -> null).build()) {
            LlmProvider stack = adapterPerAttempt
                    ? new FallbackModule(FallbackConfig.builder().chain("anthropic_backup").build(),
                            registry.adapter("anthropic", null),
                            id -> Adapters.create(backup, null, WebClient.builder(), name -> null))
                    : registry.load("anthropic");
            warmUp(stack, primary, fallback, inFlight, adapterPerAttempt);
            long primaryBefore = primary.connectionCount();
            long fallbackBefore = fallback.connectionCount();
            long start = System.nanoTime();
            drive(stack, calls, inFlight);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(label, calls, inFlight, calls / (took.toNanos() / 1e9),
                    primary.connectionCount() - primaryBefore, fallback.connectionCount() - fallbackBefore);
        }
    }

    /**
     * Fills the pools: rounds of calls until a round opens no new connection (a pool grows to the largest
     * number of calls that were in flight to its host at once, which one round may not reach), at most five.
     * A stack that opens a connection per call never settles, so it gets one round.
     */
    private static void warmUp(LlmProvider stack, StubAnthropicServer primary, StubAnthropicServer fallback,
                               int inFlight, boolean adapterPerAttempt) {
        for (int round = 0; round < (adapterPerAttempt ? 1 : 5); round++) {
            long before = primary.connectionCount() + fallback.connectionCount();
            drive(stack, inFlight * 3, inFlight);
            if (primary.connectionCount() + fallback.connectionCount() == before) {
                return;
            }
        }
    }

    private static void drive(LlmProvider stack, int calls, int inFlight) {
        Long answered = Flux.range(0, calls)
                .flatMap(i -> stack.invoke(BenchClients.request()), inFlight)
                .count()
                .block(Duration.ofMinutes(5));
        if (answered == null || answered != calls) {
            throw new IllegalStateException("expected " + calls + " answers, got " + answered);
        }
    }

    private static ProviderSettings settings(String id, StubAnthropicServer stub) {
        return ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .id(id).baseUrl(stub.baseUrl()).apiKey(BenchClients.API_KEY).build();
    }

    /**
     * @param callsPerSecond measured calls divided by their wall-clock time
     * @param newPrimaryConnections TCP connections the primary stub accepted during the measured calls
     * @param newFallbackConnections TCP connections the fallback stub accepted during the measured calls
     */
    record Result(String label, int calls, int inFlight, double callsPerSecond, long newPrimaryConnections,
                  long newFallbackConnections) {
        @Override
        public String toString() {
            return String.format("%-32s %,d calls at %d in flight: %,.0f calls/s, new TCP connections: primary %d, fallback %d",
                    label, calls, inFlight, callsPerSecond, newPrimaryConnections, newFallbackConnections);
        }
    }
}

package io.arcllm.bench.outage;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.module.ModuleListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * What one call of the fleet-outage scenario costs the client, with the socket cut out (a WebClient filter answers
 * in memory: the primary {@code 503 overloaded_error}, the fallback the canned answer): the fallback alone, a call the
 * primary's open circuit refuses before it falls back, and a call that is sent to the failing primary first (the
 * circuit breaker off). With {@code -prof gc}, the bytes each allocates. Not part of {@code JmhSuite}; run it with
 * {@code java -cp arcllm-benchmarks/target/arcllm-benchmarks.jar org.openjdk.jmh.Main OpenCircuitBenchmarks -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class OpenCircuitBenchmarks {

    private static final URI PRIMARY = URI.create("http://127.0.0.1:9");
    private static final URI FALLBACK = URI.create("http://127.0.0.1:10");
    private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

    private LlmProvider fallbackAlone;
    private LlmProvider openCircuit;
    private LlmProvider primaryFirst;

    /** Builds the three stacks and opens the circuit of the second. */
    @Setup
    public void setUp() {
        String answer = CannedAnswers.anthropicMessageText();
        ExchangeFilterFunction canned = (request, next) -> Mono.fromSupplier(() -> request.url().getPort() == PRIMARY.getPort()
                ? ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).body(OVERLOADED).build()
                : ClientResponse.create(HttpStatus.OK)
                        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).body(answer).build());
        fallbackAlone = registry(ModuleDefaults.builder().build(), canned).load("anthropic_backup");
        // Open for an hour: no half-open probe during the measurement.
        openCircuit = registry(ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true)
                .fallback(f -> f.chain("anthropic_backup"))
                .enabled(CircuitBreakerConfig.KIND, true)
                .settings(CircuitBreakerConfig.KIND, CircuitBreakerConfig.builder().openDuration(Duration.ofHours(1)).build())
                .build(), canned).load("anthropic");
        for (int i = 0; i < 20; i++) {
            call(openCircuit);
        }
        primaryFirst = registry(ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true)
                .fallback(f -> f.chain("anthropic_backup")).build(), canned).load("anthropic");
    }

    private static ProviderRegistry registry(ModuleDefaults modules, ExchangeFilterFunction canned) {
        return OutageStacks.registry(PRIMARY, FALLBACK, modules, ModuleListener.NONE, WebClient.builder().filter(canned));
    }

    private static String call(LlmProvider stack) {
        return stack.invoke(BenchClients.request()).block(Duration.ofSeconds(5)).content();
    }

    /** Closes the stacks. */
    @TearDown
    public void tearDown() {
        fallbackAlone.close();
        openCircuit.close();
        primaryFirst.close();
    }

    /** The fallback's adapter alone: the floor. */
    @Benchmark
    public String fallbackAlone() {
        return call(fallbackAlone);
    }

    /** Retry(Fallback(CircuitBreaker(Adapter))) with the primary's circuit open: refused unsent, then the fallback. */
    @Benchmark
    public String refusedByOpenCircuit() {
        return call(openCircuit);
    }

    /** Retry(Fallback(Adapter)): the primary's 503 first, then the fallback. */
    @Benchmark
    public String primaryFirst() {
        return call(primaryFirst);
    }
}

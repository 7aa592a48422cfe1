package io.arcllm.bench.outage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.ModuleListener;
import org.springframework.web.reactive.function.client.WebClient;

/** The stacks the fleet-outage scenario compares, primary {@code anthropic}, fallback {@code anthropic_backup}. */
final class OutageStacks {

    /** The circuit's open duration in the benchmark (shorter than the default, to keep the run short). */
    static final Duration OPEN_DURATION = Duration.ofSeconds(5);

    private OutageStacks() {
    }

    /** Today's stack from the registry: {@code Retry(Fallback(Adapter))}, retry and fallback with default settings. */
    static LlmProvider today(URI primary, URI fallback, ModuleListener listener) {
        ModuleDefaults modules = ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true)
                .fallback(f -> f.chain("anthropic_backup")).build();
        return registry(primary, fallback, modules, listener).load("anthropic");
    }

    /**
     * The registry's stack with the circuit breaker on (open duration {@link #OPEN_DURATION}, other settings
     * default) beside retry and fallback: {@code Retry(Fallback(CircuitBreaker(Adapter)))}, the fallback a handle on
     * its long-lived adapter behind its own circuit.
     */
    static LlmProvider withCircuitBreaker(URI primary, URI fallback, ModuleListener listener) {
        LlmProvider stack = registry(primary, fallback, circuitBreakerModules(), listener).load("anthropic");
        if (!stack.toString().equals("RetryModule -> FallbackModule -> CircuitBreakerModule -> AnthropicAdapter")) {
            throw new IllegalStateException("unexpected stack " + stack);
        }
        return stack;
    }

    /** Retry, fallback to {@code anthropic_backup} and the circuit breaker (open {@link #OPEN_DURATION}). */
    static ModuleDefaults circuitBreakerModules() {
        return ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true)
                .fallback(f -> f.chain("anthropic_backup"))
                .enabled(CircuitBreakerConfig.KIND, true)
                .settings(CircuitBreakerConfig.KIND, CircuitBreakerConfig.builder().openDuration(OPEN_DURATION).build())
                .build();
    }

    /**
     * The reference: the fallback provider alone, no module, the same registry-built adapter the stacks fall back to.
     * Run under the same load, it measures the fallback's own latency on this machine instead of assuming its 50 ms.
     */
    static LlmProvider fallbackAlone(URI primary, URI fallback, ModuleListener listener) {
        LlmProvider stack = registry(primary, fallback, ModuleDefaults.builder().build(), listener).load("anthropic_backup");
        if (!stack.toString().equals("AnthropicAdapter[provider=anthropic_backup, model=" + stack.modelName() + "]")) {
            throw new IllegalStateException("unexpected stack " + stack);
        }
        return stack;
    }

    private static ProviderRegistry registry(URI primary, URI fallback, ModuleDefaults modules, ModuleListener listener) {
        return registry(primary, fallback, modules, listener, WebClient.builder());
    }

    /** The stacks' registry: {@code anthropic} at {@code primary}, {@code anthropic_backup} at {@code fallback}. */
    static ProviderRegistry registry(URI primary, URI fallback, ModuleDefaults modules, ModuleListener listener,
                                     WebClient.Builder webClientBuilder) {
        ProviderSettings primarySettings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(primary).apiKey(BenchClients.API_KEY).build();
        ProviderSettings backupSettings = primarySettings.toBuilder().id("anthropic_backup").baseUrl(fallback).build();
        return ProviderRegistry.builder()
                .catalog(ProviderCatalog.of(Map.of("anthropic", primarySettings, "anthropic_backup", backupSettings)))
                .modules(modules)
                .listener(listener)
                .webClientBuilder(webClientBuilder)
                .env(name -> null)
                .build();
    }
}

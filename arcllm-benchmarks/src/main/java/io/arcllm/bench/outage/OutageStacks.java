package io.arcllm.bench.outage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.CircuitBreakerModule;
import io.arcllm.module.FallbackModule;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.module.RetryModule;
import io.arcllm.module.RetryableErrors;
import org.springframework.web.reactive.function.client.WebClient;

/** The stacks the fleet-outage scenario compares, primary {@code anthropic}, fallback {@code anthropic_backup}. */
final class OutageStacks {

    /** The circuit's open duration in the benchmark (shorter than the default, to keep the run short). */
    static final Duration OPEN_DURATION = Duration.ofSeconds(5);

    private OutageStacks() {
    }

    /** Today's stack from the registry: {@code Retry(Fallback(Adapter))}, retry and fallback with default settings. */
    static LlmProvider today(URI primary, URI fallback) {
        ModuleDefaults modules = ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true)
                .fallback(f -> f.chain("anthropic_backup")).build();
        return registry(primary, fallback, modules).load("anthropic");
    }

    /**
     * {@code Retry(Fallback(CircuitBreaker(Adapter)))} assembled by hand from the modules, with one long-lived
     * fallback provider behind its own circuit (what the registry builds once the stack builder wires it).
     */
    static LlmProvider withCircuitBreaker(URI primary, URI fallback) {
        ProviderRegistry registry = registry(primary, fallback, ModuleDefaults.defaults());
        CircuitBreakerConfig circuitConfig = CircuitBreakerConfig.builder().openDuration(OPEN_DURATION).build();
        LlmProvider primaryAdapter = registry.adapter("anthropic", null);
        LlmProvider backup = new CircuitBreakerModule(circuit("anthropic_backup", circuitConfig),
                registry.adapter("anthropic_backup", null));
        FallbackModule fallbackModule = new FallbackModule(FallbackConfig.builder().chain("anthropic_backup").build(),
                new CircuitBreakerModule(circuit("anthropic", circuitConfig), primaryAdapter),
                (id, excluded) -> new Handle(backup), Set.of());
        return new ClosingBoth(new RetryModule(RetryConfig.defaults(), fallbackModule), backup);
    }

    private static ProviderCircuit circuit(String id, CircuitBreakerConfig config) {
        return new ProviderCircuit(id, config,
                error -> RetryableErrors.isRetryable(error, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), Clock.systemUTC());
    }

    private static ProviderRegistry registry(URI primary, URI fallback, ModuleDefaults modules) {
        ProviderSettings primarySettings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(primary).apiKey(BenchClients.API_KEY).build();
        ProviderSettings backupSettings = primarySettings.toBuilder().id("anthropic_backup").baseUrl(fallback).build();
        return ProviderRegistry.builder()
                .catalog(ProviderCatalog.of(Map.of("anthropic", primarySettings, "anthropic_backup", backupSettings)))
                .modules(modules)
                .webClientBuilder(WebClient.builder())
                .env(name -> null)
                .build();
    }

    /** A handle over a long-lived provider: closing it leaves the provider open. */
    private static final class Handle extends BaseModule {
        Handle(LlmProvider provider) {
            super(provider);
        }

        @Override
        public void close() {
        }
    }

    /** The stack, closing the long-lived fallback with it. */
    private static final class ClosingBoth extends BaseModule {
        private final LlmProvider alsoClose;

        ClosingBoth(LlmProvider stack, LlmProvider alsoClose) {
            super(stack);
            this.alsoClose = alsoClose;
        }

        @Override
        public void close() {
            super.close();
            alsoClose.close();
        }
    }
}

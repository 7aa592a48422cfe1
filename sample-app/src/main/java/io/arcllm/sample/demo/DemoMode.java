package io.arcllm.sample.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Decides whether the sample runs in demo mode, and what demo mode configures. Demo mode applies when
 * the default provider ({@code arcllm.defaults.provider}, default {@code anthropic}) is a built-in one
 * and has neither an API key ({@code arcllm.providers.<id>.api-key} or its environment variable, e.g.
 * {@code ANTHROPIC_API_KEY}) nor an explicit {@code base-url}.
 */
final class DemoMode {

    /** The name of the property source demo mode adds. */
    static final String PROPERTY_SOURCE = "arcllmDemoMode";
    /** The demo's rate limit on the simulated Groq API: calls in flight at once. */
    static final int BURST_MAX_CONCURRENT = 2;
    /** How long the demo's circuit breaker on the simulated OpenAI API stays open, in seconds. */
    static final int CIRCUIT_OPEN_SECONDS = 2;
    /** The key demo mode sends to the simulators. */
    static final String DEMO_KEY = "demo-key";

    private static final String DEFAULT_PROVIDER = "anthropic";

    private DemoMode() {
    }

    /** The default provider id: {@code arcllm.defaults.provider}, else {@code anthropic}. */
    static String defaultProvider(ConfigurableEnvironment environment) {
        return Binder.get(environment).bind("arcllm.defaults.provider", String.class).orElse(DEFAULT_PROVIDER);
    }

    /** Why demo mode applies (for the log), or empty when the app should talk to the configured providers. */
    static Optional<String> reason(ConfigurableEnvironment environment) {
        String id = defaultProvider(environment);
        Optional<ProviderSettings> builtIn = ProviderCatalog.builtIn().find(id);
        if (builtIn.isEmpty()) {
            return Optional.empty();
        }
        Binder binder = Binder.get(environment);
        String prefix = "arcllm.providers." + id + ".";
        if (hasText(binder, prefix + "base-url") || hasText(binder, prefix + "api-key")) {
            return Optional.empty();
        }
        String keyEnv = binder.bind(prefix + "api-key-env", String.class).orElse(builtIn.get().apiKeyEnv());
        if (StringUtils.hasText(environment.getProperty(keyEnv))) {
            return Optional.empty();
        }
        return Optional.of("no API key for the default provider '" + id + "' (neither " + keyEnv
                + " nor " + prefix + "api-key is set)");
    }

    /**
     * Adds the demo configuration: the simulated providers (anthropic, openai, groq) pointed at the simulators
     * with a dummy key, retry (demo-friendly 200 ms backoff) and fallback after retries along the other simulated
     * providers, in that order (for the default {@code anthropic}: {@code [openai, groq]}). It ranks
     * below command-line arguments, system properties and environment variables, so they still override
     * it, and above {@code application.yml}.
     */
    static void addPropertySource(ConfigurableEnvironment environment, DemoSimulators simulators) {
        String primary = defaultProvider(environment);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ProviderSimulator simulator : simulators.all()) {
            String prefix = "arcllm.providers." + simulator.providerId() + ".";
            properties.put(prefix + "base-url", simulator.baseUrl().toString());
            properties.put(prefix + "api-key", DEMO_KEY);
        }
        properties.put("arcllm.modules.retry.enabled", "true");
        properties.put("arcllm.modules.retry.max-retries", "2");
        properties.put("arcllm.modules.retry.backoff-base", "200ms");
        properties.put("arcllm.modules.retry.max-wait", "5s");
        properties.put("arcllm.modules.fallback.enabled", "true");
        properties.put("arcllm.modules.fallback.chain", String.join(",", simulators.all().stream()
                .map(ProviderSimulator::providerId).filter(id -> !id.equals(primary)).toList()));
        properties.put("arcllm.modules.fallback.after-retries", "true");
        // OpenAI's circuit breaker, tuned to show in seconds what a fleet sees over minutes: it opens once 5 of the
        // attempts of the last 2 s failed at least half the time, stays open 2 s, then one probe decides.
        String openai = "arcllm.providers." + simulators.openai().providerId() + ".modules.circuit-breaker.";
        properties.put(openai + "minimum-calls", "5");
        properties.put(openai + "failure-rate-threshold", "50");
        properties.put(openai + "sliding-window", "2s");
        properties.put(openai + "open-duration", String.valueOf(CIRCUIT_OPEN_SECONDS) + "s");
        properties.put(openai + "half-open-calls", "1");
        // Groq's own rate limit: at most 2 calls in flight, no per-minute budgets, so the demo's burst is smoothed.
        String groq = "arcllm.providers." + simulators.groq().providerId() + ".modules.rate-limit.";
        properties.put(groq + "max-concurrent", String.valueOf(BURST_MAX_CONCURRENT));
        properties.put(groq + "requests-per-minute", "0");
        properties.put(groq + "output-tokens-per-minute", "0");
        properties.putAll(actuatorOnLoopback(environment));
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
        String environmentVariables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(environmentVariables)) {
            environment.getPropertySources().addAfter(environmentVariables, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /**
     * The demo's open actuator: full health details and Prometheus, only while the app listens on loopback
     * (demo mode binds {@code server.address} to 127.0.0.1 unless it is set). On any other address the
     * application's settings apply: health without details ({@code when-authorized}), no metrics endpoints.
     */
    static Map<String, Object> actuatorOnLoopback(ConfigurableEnvironment environment) {
        String address = environment.getProperty("server.address");
        if (StringUtils.hasText(address) && !isLoopback(address)) {
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!StringUtils.hasText(address)) {
            properties.put("server.address", "127.0.0.1");
        }
        properties.put("management.endpoints.web.exposure.include", "health, metrics, prometheus");
        properties.put("management.endpoint.health.show-details", "always");
        return properties;
    }

    private static boolean isLoopback(String address) {
        String host = address.strip();
        return host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127.");
    }

    private static boolean hasText(Binder binder, String property) {
        return binder.bind(property, String.class).map(StringUtils::hasText).orElse(false);
    }
}

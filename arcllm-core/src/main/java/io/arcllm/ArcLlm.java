package io.arcllm;

import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.config.LoadOptions;
import io.arcllm.config.ProviderCatalog;
import org.jspecify.annotations.Nullable;

/**
 * The programmatic entry point without Spring: load a provider by id, with modules chosen per load.
 *
 * <pre>{@code
 * LlmProvider model = ArcLlm.loadModel("anthropic");
 * LlmProvider model = ArcLlm.loadModel("anthropic", LoadOptions.builder()
 *         .retry(r -> r.maxRetries(5))
 *         .fallback(f -> f.chain("openai"))
 *         .build());
 * }</pre>
 *
 * Backed by a default {@link ProviderRegistry} over {@link ProviderCatalog#builtIn()} with keys from the
 * process environment and all modules off unless {@link LoadOptions} turn them on; it is created on first
 * use and kept until {@link #clearCache()}. Applications needing another catalog or global module settings
 * build their own {@link ProviderRegistry}. Closing a provider it returns releases it; the adapters and
 * connection pools behind it live as long as the default registry.
 */
public final class ArcLlm {

    private static final AtomicReference<ProviderRegistry> DEFAULT = new AtomicReference<>();

    private ArcLlm() {
    }

    /**
     * Loads a provider with its default model and no modules.
     *
     * @throws ArcLlmConfigException if the id is invalid or unknown (the message lists the known ids),
     *     or the provider has no API key
     */
    public static LlmProvider loadModel(String provider) {
        return registry().load(provider, null, LoadOptions.none());
    }

    /**
     * Loads a provider with this model and no modules.
     *
     * @param model the model; null for the provider's default
     * @throws ArcLlmConfigException as {@link #loadModel(String)}
     */
    public static LlmProvider loadModel(String provider, @Nullable String model) {
        return registry().load(provider, model, LoadOptions.none());
    }

    /**
     * Loads a provider with its default model and the modules {@code options} turn on.
     *
     * @throws ArcLlmConfigException as {@link #loadModel(String)}, or if a fallback chain names an unknown provider
     */
    public static LlmProvider loadModel(String provider, LoadOptions options) {
        return registry().load(provider, null, options);
    }

    /**
     * Loads a provider with this model and the modules {@code options} turn on.
     *
     * @param model the model; null for the provider's default
     * @throws ArcLlmConfigException as {@link #loadModel(String, LoadOptions)}
     */
    public static LlmProvider loadModel(String provider, @Nullable String model, LoadOptions options) {
        return registry().load(provider, model, options);
    }

    /**
     * Closes and drops the default registry (providers loaded from it stop working); the next load builds a
     * new one, re-reading the environment.
     */
    public static void clearCache() {
        ProviderRegistry previous = DEFAULT.getAndSet(null);
        if (previous != null) {
            previous.close();
        }
    }

    /** The default registry behind {@code loadModel}, created on first use. */
    public static ProviderRegistry registry() {
        return DEFAULT.updateAndGet(current -> current != null ? current : ProviderRegistry.builder().build());
    }

    /** Replaces the default registry, for tests that cannot set environment variables. */
    static void useRegistry(@Nullable ProviderRegistry registry) {
        DEFAULT.set(registry);
    }
}

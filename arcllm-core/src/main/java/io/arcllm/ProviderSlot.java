package io.arcllm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderSettings;
import io.arcllm.internal.ProviderHandle;
import io.arcllm.module.internal.ProviderState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the registry holds for one provider id, created once: its settings, its own resolved module settings,
 * the state its modules share, and its long-lived adapters (one per model, each with one connection pool),
 * created on first use and closed only by {@link #close()}.
 */
final class ProviderSlot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderSlot.class);

    private final String id;
    private final @Nullable ProviderSettings settings;
    private final ModuleResolution modules;
    private final ProviderState state;
    private final Creator creator;
    private final ConcurrentMap<String, LlmProvider> adapters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param settings null for an id the catalog does not know (an application's own provider bean) */
    ProviderSlot(String id, @Nullable ProviderSettings settings, ModuleResolution modules, Creator creator) {
        this.id = id;
        this.creator = creator;
        this.settings = settings;
        this.modules = modules;
        this.state = new ProviderState(id);
    }

    String id() {
        return id;
    }

    /** The modules this provider's own configuration gives it (global settings and its override). */
    ModuleResolution modules() {
        return modules;
    }

    ProviderState state() {
        return state;
    }

    /**
     * A handle on the adapter of this model, creating the adapter on first use.
     *
     * @throws ArcLlmConfigException if the provider is unknown to the catalog or cannot be configured (no API key)
     * @throws IllegalStateException once the registry is closed
     */
    LlmProvider handle(@Nullable String model) {
        if (closed) {
            throw new IllegalStateException("the ProviderRegistry is closed; provider '" + id + "' is no longer available");
        }
        if (settings == null) {
            throw new ArcLlmConfigException("unknown provider '" + id + "'");
        }
        String name = model == null || model.isBlank() ? settings.defaultModel() : model;
        LlmProvider adapter = adapters.computeIfAbsent(name, key -> creator.create(settings, model));
        return new ProviderHandle(adapter);
    }

    /** Closes every adapter (and so every connection pool) of this provider, once. */
    @Override
    public void close() {
        closed = true;
        adapters.values().forEach(adapter -> {
            try {
                adapter.close();
            } catch (RuntimeException e) {
                log.debug("closing provider '{}' failed", id, e);
            }
        });
        adapters.clear();
    }

    /** Creates adapters: the registry's factory, web client builder and key lookup. */
    @FunctionalInterface
    interface Creator {
        LlmProvider create(ProviderSettings settings, @Nullable String model);

        static Creator of(ProviderRegistry.AdapterFactory factory, WebClient.Builder webClientBuilder,
                           Function<String, String> env) {
            return (settings, model) -> factory.create(settings, model, webClientBuilder, env);
        }
    }
}

package io.arcllm.sample.chat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link LlmProvider} a chat request names. No id: the primary bean. An id: the provider bean
 * named {@code <id>LlmProvider}, else any provider bean whose {@link LlmProvider#name()} is the id; these
 * beans are already wrapped in their modules by the ArcLLM starter. An id the {@link ProviderRegistry}
 * knows but no bean stands for is loaded from the registry, with the modules its configuration gives it,
 * once, and kept until the application closes. Any other id is unknown.
 */
final class ProviderSelector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderSelector.class);

    private final LlmProvider primary;
    private final Map<String, LlmProvider> beans;
    private final ProviderRegistry registry;
    private final Map<String, LlmProvider> loaded = new ConcurrentHashMap<>();

    /**
     * @param primary the default provider
     * @param beans every provider bean, by bean name
     * @param registry loads providers that have no bean
     */
    ProviderSelector(LlmProvider primary, Map<String, LlmProvider> beans, ProviderRegistry registry) {
        this.primary = primary;
        this.beans = Map.copyOf(beans);
        this.registry = registry;
    }

    /**
     * The provider for a request.
     *
     * @param id the requested provider id; null or blank for the default provider
     * @throws UnknownProviderException if no bean and no registry entry has this id
     * @throws io.arcllm.ArcLlmConfigException if the registry cannot load the provider (e.g. it has no API key)
     */
    LlmProvider select(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return primary;
        }
        LlmProvider bean = beans.get(id + "LlmProvider");
        if (bean != null) {
            return bean;
        }
        for (LlmProvider candidate : beans.values()) {
            if (id.equals(candidate.name())) {
                return candidate;
            }
        }
        if (!registry.ids().contains(id)) {
            throw new UnknownProviderException(id, knownIds());
        }
        return loaded.computeIfAbsent(id, this::load);
    }

    /** The provider ids a request may name. */
    Set<String> knownIds() {
        Set<String> ids = new TreeSet<>(registry.ids());
        beans.values().forEach(bean -> ids.add(bean.name()));
        return ids;
    }

    private LlmProvider load(String id) {
        LlmProvider provider = registry.load(id);
        log.info("loaded provider '{}' for requests that name it: {}", id, provider);
        return provider;
    }

    /** Closes the providers this selector loaded (beans are closed by their owner). */
    @Override
    public void close() {
        loaded.values().forEach(LlmProvider::close);
        loaded.clear();
    }
}

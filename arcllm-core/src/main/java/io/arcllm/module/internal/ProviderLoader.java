package io.arcllm.module.internal;

import java.util.Set;

import io.arcllm.LlmProvider;

/**
 * Loads a provider by id; the fallback module loads its chain through one, on demand.
 * {@link io.arcllm.ProviderRegistry} is the usual implementation.
 */
@FunctionalInterface
public interface ProviderLoader {

    /**
     * Loads a provider with its default model and the modules its own configuration gives it, except
     * the named ones. The caller owns the result and closes it after use.
     *
     * @param providerId the provider id, e.g. {@code "openai"}
     * @param excludedModules module names left out ({@value RetryModule#NAME}, {@value FallbackModule#NAME}),
     *     so that retries never multiply and chains never nest
     * @throws io.arcllm.ArcLlmConfigException if the id is unknown or the provider cannot be configured
     *     (no API key, for instance)
     */
    LlmProvider load(String providerId, Set<String> excludedModules);
}

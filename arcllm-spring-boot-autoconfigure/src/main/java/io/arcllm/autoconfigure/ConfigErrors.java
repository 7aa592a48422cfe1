package io.arcllm.autoconfigure;

import java.util.function.Supplier;

import io.arcllm.ArcLlmConfigException;

/**
 * Puts the {@code arcllm.*} prefix on the core's configuration errors: the core names the setting
 * ({@code max-retries}), a Spring user needs the property they wrote ({@code arcllm.modules.retry.max-retries}).
 * Works on {@link ArcLlmConfigException#property()}, never on the message text.
 */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /**
     * Runs {@code action}; an {@link ArcLlmConfigException} it throws is rethrown {@linkplain
     * ArcLlmConfigException#under(String) under} {@code prefix}, unless its property already is an
     * {@code arcllm.} path.
     */
    static <T> T qualified(String prefix, Supplier<T> action) {
        try {
            return action.get();
        } catch (ArcLlmConfigException e) {
            if (e.property().filter(property -> property.startsWith("arcllm.")).isPresent()) {
                throw e;
            }
            throw e.under(prefix);
        }
    }
}

package io.arcllm.config;

import java.util.Objects;

/**
 * An API key. It never shows itself: {@link #toString()} is redacted, so a key inside a logged or
 * printed settings object stays secret. Only adapters call {@link #reveal()}, to set the header. Immutable;
 * {@link #of(String)} rejects a blank key.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * @throws io.arcllm.ArcLlmConfigException if the key is blank
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new io.arcllm.ArcLlmConfigException("API key must not be blank");
        }
        return new ApiKey(value.strip());
    }

    /** The key itself, for the request header only. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}

package io.arcllm;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Configuration that cannot work. When the error is about one setting, {@link #property()} names it
 * (as a property path: {@code "max-retries"} in the core, {@code "arcllm.modules.retry.max-retries"} once
 * the Spring side has {@linkplain #under(String) put it under} its prefix) and the message is that name
 * followed by {@link #problem()}: {@code "max-retries must be >= 0, was -1"}. Messages never contain a key.
 */
public class ArcLlmConfigException extends ArcLlmException {

    private final @Nullable String property;
    private final String problem;

    /** An error not about one setting (for instance a missing API key); {@link #property()} is empty. */
    public ArcLlmConfigException(String message) {
        this(message, (Throwable) null);
    }

    /** As {@link #ArcLlmConfigException(String)}, with a cause. */
    public ArcLlmConfigException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.property = null;
        this.problem = message;
    }

    private ArcLlmConfigException(String property, String problem, @Nullable Throwable cause) {
        super(property + " " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /**
     * An error about one setting.
     *
     * @param property the setting's path, e.g. {@code "max-retries"} or {@code "chain"}
     * @param problem what is wrong with it, as the rest of a sentence: {@code "must be >= 0, was -1"}
     */
    public static ArcLlmConfigException of(String property, String problem) {
        return of(property, problem, null);
    }

    /** As {@link #of(String, String)}, with a cause. */
    public static ArcLlmConfigException of(String property, String problem, @Nullable Throwable cause) {
        return new ArcLlmConfigException(Objects.requireNonNull(property, "property"),
                Objects.requireNonNull(problem, "problem"), cause);
    }

    /** The path of the setting this error is about, if it is about one. */
    public Optional<String> property() {
        return Optional.ofNullable(property);
    }

    /** What is wrong, without the property path: {@code "must be >= 0, was -1"}; the whole message when there is no property. */
    public String problem() {
        return problem;
    }

    /**
     * The same error with its property put under {@code prefix}: {@code "max-retries"} under
     * {@code "arcllm.modules.retry"} becomes {@code "arcllm.modules.retry.max-retries"}. An error without a
     * property gets {@code prefix} as its property. This exception becomes the cause.
     */
    public ArcLlmConfigException under(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (property == null) {
            return new ArcLlmConfigException(prefix, "is invalid: " + problem, this);
        }
        return new ArcLlmConfigException(prefix + "." + property, problem, this);
    }
}

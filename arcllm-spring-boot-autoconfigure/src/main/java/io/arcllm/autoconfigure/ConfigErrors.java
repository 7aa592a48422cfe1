package io.arcllm.autoconfigure;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arcllm.ArcLlmConfigException;

/**
 * Puts the {@code arcllm.*} property path into the core's configuration errors. The core names the field
 * in camel case ({@code "maxRetries must be >= 0, was -1"}); a Spring user needs the property they wrote
 * ({@code "arcllm.modules.retry.max-retries must be >= 0, was -1"}).
 */
final class ConfigErrors {

    private static final Pattern LEADING_FIELD = Pattern.compile("([a-z][A-Za-z0-9]*)((?: must |: ).*)", Pattern.DOTALL);

    private ConfigErrors() {
    }

    /**
     * Runs {@code action}; an {@link ArcLlmConfigException} it throws is rethrown with its message qualified
     * by {@code prefix} (see {@link #qualify}) and the original as cause.
     */
    static <T> T qualified(String prefix, Supplier<T> action) {
        try {
            return action.get();
        } catch (ArcLlmConfigException e) {
            String message = qualify(prefix, e.getMessage());
            if (message.equals(e.getMessage())) {
                throw e;
            }
            throw new ArcLlmConfigException(message, e);
        }
    }

    /**
     * {@code "maxRetries must ..."} under {@code arcllm.modules.retry} becomes
     * {@code "arcllm.modules.retry.max-retries must ..."}; a message that already names an {@code arcllm.}
     * property is kept; any other message is prefixed with {@code "<prefix>: "}.
     */
    static String qualify(String prefix, String message) {
        if (message == null) {
            return prefix + ": invalid";
        }
        if (message.startsWith("arcllm.")) {
            return message;
        }
        Matcher field = LEADING_FIELD.matcher(message);
        if (field.matches()) {
            return prefix + "." + kebabCase(field.group(1)) + field.group(2);
        }
        return prefix + ": " + message;
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}

package io.arcllm.autoconfigure;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.config.ProviderSettings;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by an {@link ArcLlmConfigException} anywhere in the cause chain: the
 * description is the exception's message (which names the {@code arcllm.*} property and never a key), the
 * action says how to fix that property.
 */
class ArcLlmConfigFailureAnalyzer extends AbstractFailureAnalyzer<ArcLlmConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ArcLlmConfigException cause) {
        String message = cause.getMessage();
        return new FailureAnalysis("Invalid ArcLLM configuration: " + message, action(cause), cause);
    }

    private static String action(ArcLlmConfigException cause) {
        if (cause.property().isEmpty()) {
            return "Check the arcllm.* properties of your application.";
        }
        String property = cause.property().get();
        String message = cause.problem();
        String leaf = property.substring(property.lastIndexOf('.') + 1);
        return switch (leaf) {
            case "max-retries" -> "Set " + property + " to 0 (no retries) or more.";
            case "backoff-base", "max-wait", "connect-timeout", "read-timeout", "stream-first-event-timeout", "stream-idle-timeout" ->
                    "Set " + property + " to a positive duration, such as 500ms, 10s or 1m.";
            case "max-response-size" -> "Set " + property + " to a positive size, such as 16MB.";
            case "max-connections" -> "Set " + property + " to 1 or more (default " + ProviderSettings.DEFAULT_MAX_CONNECTIONS
                    + "); calls beyond it wait for a free connection.";
            case "retryable-status-codes" ->
                    "List HTTP status codes from 100 to 599 in " + property + ", such as [429, 500, 502, 503, 529].";
            case "chain" -> message.contains("unknown provider")
                    ? "Remove the unknown id from " + property + ", or define that provider under arcllm.providers.<id>"
                            + " with type, base-url and default-model."
                    : "List at most 10 provider ids (lower-case letters, digits and '_') in " + property + ".";
            case "base-url" -> message.contains("is required")
                    ? "Set " + property + " to the provider's https:// URL."
                    : "Use an https:// URL for " + property + "; plain http:// is accepted only for localhost,"
                            + " 127.0.0.1 and [::1], so an API key never crosses a network in clear text.";
            case "api-key" -> "Set the environment variable named above, or set " + property
                    + " (for example from a secret: ${MY_SECRET}); or make a provider that has a key the default"
                    + " with arcllm.defaults.provider.";
            case "provider" -> "Set " + property + " to one of the known providers listed above, or define that"
                    + " provider under arcllm.providers.<id> with type, base-url and default-model.";
            case "type" -> "Set " + property + " to anthropic or openai (the API format the provider speaks).";
            case "temperature" -> "Set " + property + " to 0 or more, or remove it to use the provider's default.";
            case "max-tokens" -> "Set " + property + " to 1 or more, or remove it to use the model's maximum.";
            default -> message.contains("is required") ? "Set " + property + "." : "Correct " + property + " as described above.";
        };
    }
}

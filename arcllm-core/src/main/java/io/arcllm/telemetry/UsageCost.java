package io.arcllm.telemetry;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.arcllm.Usage;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;

/**
 * What a call cost, from the catalog's prices (USD per one million tokens). Free of Micrometer.
 *
 * <p>The model is looked up by the name the provider answered with, in the catalog entry of the provider that
 * answered: exactly, else as a dated snapshot of a catalog model ({@code gpt-4o-2024-08-06} is priced as
 * {@code gpt-4o}, {@code gpt-4o-mini-2024-07-18} as {@code gpt-4o-mini}, never as {@code gpt-4o}). A model the
 * catalog does not know has no cost: none is recorded, rather than a guess.
 */
final class UsageCost {

    private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{8}");
    private static final double PER_TOKEN = 1.0 / 1_000_000;

    private UsageCost() {
    }

    /** All prompt tokens: those at the normal input price plus cache reads and writes. */
    static long allInputTokens(Usage usage) {
        return (long) usage.inputTokens() + orZero(usage.cacheReadTokens()) + orZero(usage.cacheWriteTokens());
    }

    /**
     * The cost in USD: input, output, cache-read and cache-write tokens each at their price ({@link Usage}'s
     * input count excludes cache reads and writes, which are priced on their own).
     */
    static double usd(Usage usage, ModelMetadata prices) {
        return PER_TOKEN * (usage.inputTokens() * prices.inputPrice()
                + usage.outputTokens() * prices.outputPrice()
                + orZero(usage.cacheReadTokens()) * prices.cacheReadPrice()
                + orZero(usage.cacheWriteTokens()) * prices.cacheWritePrice());
    }

    /** The prices of {@code model} as {@code providerId} answered it; empty when the catalog does not know it. */
    static Optional<ModelMetadata> prices(ProviderCatalog catalog, String providerId, String model) {
        return catalog.find(providerId).flatMap(settings -> prices(settings, model));
    }

    private static Optional<ModelMetadata> prices(ProviderSettings settings, String model) {
        Optional<ModelMetadata> exact = settings.model(model);
        if (exact.isPresent()) {
            return exact;
        }
        String base = null;
        for (String name : settings.models().keySet()) {
            boolean snapshotOfName = model.startsWith(name + "-")
                    && SNAPSHOT_SUFFIX.matcher(model.substring(name.length() + 1)).matches();
            if (snapshotOfName && (base == null || name.length() > base.length())) {
                base = name;
            }
        }
        Map<String, ModelMetadata> models = settings.models();
        return Optional.ofNullable(base == null ? null : models.get(base));
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }
}

package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arcllm.Usage;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderCatalog;
import org.junit.jupiter.api.Test;

/** Prices from the catalog: which model an answer is priced as, and what its tokens cost. */
class UsageCostTests {

    private final ProviderCatalog catalog = ProviderCatalog.builtIn();

    @Test
    void aModelIsPricedExactlyOrAsTheCatalogModelItIsADatedSnapshotOf() {
        assertThat(UsageCost.prices(catalog, "openai", "gpt-4o")).map(ModelMetadata::inputPrice).contains(2.50);
        assertThat(UsageCost.prices(catalog, "openai", "gpt-4o-2024-08-06")).map(ModelMetadata::inputPrice).contains(2.50);
        assertThat(UsageCost.prices(catalog, "openai", "gpt-4o-mini-2024-07-18")).map(ModelMetadata::inputPrice)
                .as("the longest catalog name, never gpt-4o").contains(0.15);
        assertThat(UsageCost.prices(catalog, "anthropic", "claude-haiku-4-5-20251001")).map(ModelMetadata::outputPrice)
                .contains(5.00);
    }

    @Test
    void anUnknownModelOrProviderOrANonDateSuffixHasNoPrice() {
        assertThat(UsageCost.prices(catalog, "openai", "o3-mini-2025-01-31")).as("not a snapshot of o3").isEmpty();
        assertThat(UsageCost.prices(catalog, "openai", "gpt-4o-realtime")).isEmpty();
        assertThat(UsageCost.prices(catalog, "anthropic", "gpt-4o")).as("priced only by the provider that answered").isEmpty();
        assertThat(UsageCost.prices(catalog, "mistral", "mistral-large")).isEmpty();
    }

    @Test
    void costAddsInputOutputCacheReadAndCacheWriteTokensEachAtItsPrice() {
        ModelMetadata opus = catalog.find("anthropic").orElseThrow().model("claude-opus-4-1-20250805").orElseThrow();
        Usage usage = new Usage(2_000, 500, 0, 10_000, 4_000, null);

        assertThat(UsageCost.usd(usage, opus))
                .isCloseTo((2_000 * 15.00 + 500 * 75.00 + 10_000 * 1.50 + 4_000 * 18.75) / 1_000_000, within(1e-12));
        assertThat(UsageCost.usd(new Usage(2_000, 500), opus)).isCloseTo((2_000 * 15.00 + 500 * 75.00) / 1_000_000, within(1e-12));
        assertThat(UsageCost.allInputTokens(usage)).isEqualTo(16_000);
    }
}

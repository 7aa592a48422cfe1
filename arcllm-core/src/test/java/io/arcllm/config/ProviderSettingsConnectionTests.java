package io.arcllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcllm.ArcLlmConfigException;
import org.junit.jupiter.api.Test;

/** The connection pool size and HTTP version of a provider: defaults, copies and invalid values. */
class ProviderSettingsConnectionTests {

    private final ProviderSettings anthropic = ProviderCatalog.builtIn().find("anthropic").orElseThrow();

    @Test
    void everyBuiltInProviderDefaultsToAThousandConnectionsOverHttp11() {
        for (String id : ProviderCatalog.builtIn().ids()) {
            ProviderSettings settings = ProviderCatalog.builtIn().find(id).orElseThrow();
            assertThat(settings.maxConnections()).as(id).isEqualTo(1000).isEqualTo(ProviderSettings.DEFAULT_MAX_CONNECTIONS);
            assertThat(settings.httpVersion()).as(id).isEqualTo(HttpVersion.HTTP_1_1);
        }
    }

    @Test
    void theBuilderSetsThemAndCopiesKeepThem() {
        ProviderSettings tuned = anthropic.toBuilder().maxConnections(5000).httpVersion(HttpVersion.H2).build();
        ProviderSettings copy = tuned.toBuilder().readTimeout(java.time.Duration.ofSeconds(5)).build();

        assertThat(copy.maxConnections()).isEqualTo(5000);
        assertThat(copy.httpVersion()).isEqualTo(HttpVersion.H2);
        assertThat(copy.toString()).contains("maxConnections=5000", "httpVersion=H2");
    }

    @Test
    void fewerThanOneConnectionIsRejectedNamingTheProperty() {
        ArcLlmConfigException error = catchThrowableOfType(ArcLlmConfigException.class,
                () -> anthropic.toBuilder().maxConnections(0).build());

        assertThat(error.property()).contains("arcllm.providers.anthropic.max-connections");
        assertThat(error.problem()).isEqualTo("must be >= 1, was 0");
    }

    @Test
    void aMissingHttpVersionIsRejectedNamingTheProperty() {
        ArcLlmConfigException error = catchThrowableOfType(ArcLlmConfigException.class,
                () -> anthropic.toBuilder().httpVersion(null).build());

        assertThat(error.property()).contains("arcllm.providers.anthropic.http-version");
        assertThat(error.problem()).isEqualTo("must be set (http1_1 or h2)");
    }
}

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
    void theConnectionSettingsAreOneValueThatABuilderCanCopy() {
        ProviderSettings tuned = anthropic.toBuilder().baseUrl("https://gateway.example.com").apiKey("sk-secret-1")
                .connectTimeout(java.time.Duration.ofSeconds(2)).readTimeout(java.time.Duration.ofSeconds(30))
                .maxResponseBytes(1024).maxConnections(50).httpVersion(HttpVersion.H2).build();

        ConnectionSettings connection = tuned.connection();
        assertThat(connection).isEqualTo(new ConnectionSettings(java.net.URI.create("https://gateway.example.com"),
                "ANTHROPIC_API_KEY", tuned.apiKey(), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30),
                1024, 50, HttpVersion.H2));
        assertThat(ProviderSettings.builder("other", ApiFormat.ANTHROPIC).defaultModel("m").connection(connection).build()
                .connection()).isEqualTo(connection);
        assertThat(connection.toString() + tuned).contains("apiKey=****").doesNotContain("sk-secret-1");
    }

    @Test
    void aConnectionSettingOutOfRangeIsNamedRelativeAloneAndInFullThroughTheBuilder() {
        ArcLlmConfigException alone = catchThrowableOfType(ArcLlmConfigException.class, () -> new ConnectionSettings(
                java.net.URI.create("https://api.example.com"), "KEY", null, java.time.Duration.ofSeconds(1),
                java.time.Duration.ZERO, 1, 1, HttpVersion.HTTP_1_1));
        ArcLlmConfigException built = catchThrowableOfType(ArcLlmConfigException.class,
                () -> anthropic.toBuilder().readTimeout(java.time.Duration.ZERO).build());

        assertThat(alone).hasMessage("read-timeout must be > 0, was 0s");
        assertThat(built).hasMessage("arcllm.providers.anthropic.read-timeout must be > 0, was 0s").hasNoCause();
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

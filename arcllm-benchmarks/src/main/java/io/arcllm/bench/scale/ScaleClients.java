package io.arcllm.bench.scale;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.bench.load.BenchClient;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.config.HttpVersion;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;


/**
 * The two clients of the scale scenarios, each with a given connection limit and HTTP version: raw {@code WebClient}
 * ({@link BenchClients#rawWebClient(URI, ConnectionProvider, HttpClient)} over the limit and version given) and the ArcLLM Anthropic adapter as a
 * {@link ProviderRegistry} loads it from settings carrying {@code max-connections} and {@code http-version}.
 * Over HTTP/2 both speak h2c with prior knowledge, as the adapter does for a loopback {@code http} URL.
 */
final class ScaleClients {

    /** A call waiting for a connection gives up after this long (no scenario comes near it). */
    private static final Duration PENDING_ACQUIRE_TIMEOUT = Duration.ofSeconds(60);

    private ScaleClients() {
    }

    /** Which client. */
    enum Kind {
        RAW_WEBCLIENT("raw WebClient"),
        ARCLLM_ADAPTER("ArcLLM adapter");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static BenchClient create(Kind kind, URI baseUrl, HttpVersion version, int maxConnections) {
        return kind == Kind.RAW_WEBCLIENT ? raw(baseUrl, version, maxConnections) : arcLlm(baseUrl, version, maxConnections);
    }

    private static BenchClient raw(URI baseUrl, HttpVersion version, int maxConnections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench-scale-raw").maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(PENDING_ACQUIRE_TIMEOUT).build();
        HttpClient http = HttpClient.create(pool)
                .protocol(version == HttpVersion.H2 ? HttpProtocol.H2C : HttpProtocol.HTTP11);
        return BenchClients.rawWebClient(baseUrl, pool, http);
    }

    private static BenchClient arcLlm(URI baseUrl, HttpVersion version, int maxConnections) {
        ProviderSettings settings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(baseUrl)
                .apiKey(BenchClients.API_KEY)
                .maxConnections(maxConnections)
                .httpVersion(version)
                .build();
        ProviderRegistry registry = ProviderRegistry.builder()
                .catalog(ProviderCatalog.of(Map.of("anthropic", settings)))
                .modules(ModuleDefaults.defaults())
                .webClientBuilder(WebClient.builder())
                .env(name -> null)
                .build();
        LlmProvider adapter = registry.load("anthropic");
        return BenchClient.of(Kind.ARCLLM_ADAPTER.label, () -> adapter.invoke(BenchClients.request())
                .map(response -> response.content() == null ? "" : response.content()), () -> {
                    adapter.close();
                    registry.close();
                });
    }
}

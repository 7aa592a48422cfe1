package io.arcllm.bench.load;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.AnthropicRequestWriter;
import io.arcllm.adapter.internal.Json;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.BaseModule;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

import static io.arcllm.bench.stub.CannedAnswers.MAX_TOKENS;
import static io.arcllm.bench.stub.CannedAnswers.MODEL;
import static io.arcllm.bench.stub.CannedAnswers.PROMPT;

/**
 * The four clients the benchmark compares, each pointed at the stub with a dummy key:
 * <ol>
 *   <li>raw {@code WebClient}: posts pre-serialized bytes of the very JSON ArcLLM sends and reads the answer
 *       into a Jackson tree. No mapping, no error handling: the physical limit of the stack ArcLLM sits on;</li>
 *   <li>the ArcLLM {@link AnthropicAdapter}, no modules;</li>
 *   <li>the ArcLLM full stack: {@code Retry(Fallback(Adapter))} from a {@link ProviderRegistry} with both
 *       modules on (no faults, so neither acts), plus the {@link TelemetryHook};</li>
 *   <li>the official {@code com.anthropic:anthropic-java} async client (OkHttp), default settings.</li>
 * </ol>
 * The raw client and the adapters get the same connection pool limit (1,000); each client owns its pool.
 */
public final class BenchClients {

    /** The dummy key every client sends; the stub only checks that one is there. */
    public static final String API_KEY = "bench-dummy-key";

    private BenchClients() {
    }

    /** The client kinds, in table order. */
    public enum Kind {
        /** Raw WebClient: the limit. */
        RAW_WEBCLIENT("raw WebClient", BenchClients::rawWebClient),
        /** ArcLLM adapter alone. */
        ARCLLM_ADAPTER("ArcLLM adapter", BenchClients::arcLlmAdapter),
        /** ArcLLM with retry and fallback. */
        ARCLLM_FULL_STACK("ArcLLM full stack", base -> arcLlmFullStack(base, TelemetryHook.REGISTRY)),
        /** The official SDK's async client. */
        ANTHROPIC_SDK("anthropic-java SDK", BenchClients::anthropicSdk);

        private final String label;
        private final java.util.function.Function<URI, BenchClient> factory;

        Kind(String label, java.util.function.Function<URI, BenchClient> factory) {
            this.label = label;
            this.factory = factory;
        }

        /** The row label. */
        public String label() {
            return label;
        }

        /**
         * Whether the client keeps every connection it opened (a pool of 1,000): the ArcLLM clients and raw WebClient.
         * The SDK's OkHttp keeps 5 idle connections and runs 64 calls at once, so it opens connections all along.
         */
        public boolean keepsConnections() {
            return this != ANTHROPIC_SDK;
        }

        /** A new client of this kind against {@code baseUrl}; the caller closes it. */
        public BenchClient create(URI baseUrl) {
            return factory.apply(baseUrl);
        }
    }

    /** Raw WebClient over its own Reactor Netty pool of 1,000 connections. */
    public static BenchClient rawWebClient(URI baseUrl) {
        ConnectionProvider pool = ConnectionProvider.builder("bench-raw").maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        return rawWebClient(baseUrl, pool, HttpClient.create(pool));
    }

    /**
     * Raw WebClient over {@code http}: posts pre-serialized bytes of the very JSON ArcLLM sends and reads the answer
     * into a Jackson tree. Closing the client disposes {@code pool}, which {@code http} must use.
     */
    public static BenchClient rawWebClient(URI baseUrl, ConnectionProvider pool, HttpClient http) {
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(baseUrl.toString())
                .build();
        byte[] body = Json.MAPPER.writeValueAsBytes(AnthropicRequestWriter.write(request(), MODEL, MAX_TOKENS));
        return BenchClient.of(Kind.RAW_WEBCLIENT.label(), () -> web.post().uri("/v1/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("x-api-key", API_KEY)
                .header("anthropic-version", AnthropicAdapter.API_VERSION)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> json.get("content").get(0).get("text").stringValue()),
                () -> pool.disposeLater().block());
    }

    /** The ArcLLM Anthropic adapter, loaded through a registry with every module off. */
    public static BenchClient arcLlmAdapter(URI baseUrl) {
        ProviderRegistry registry = registry(baseUrl, false, WebClient.builder());
        LlmProvider adapter = registry.load("anthropic");
        if (adapter instanceof BaseModule) {
            throw new IllegalStateException("expected a bare adapter, got " + adapter);
        }
        return BenchClient.of(Kind.ARCLLM_ADAPTER.label(), () -> adapter.invoke(request()).map(BenchClients::text), () -> {
            adapter.close();
            registry.close();
        });
    }

    /**
     * ArcLLM's full stack: retry (defaults) around fallback to a second provider id on the same stub, around
     * the adapter, with telemetry outermost when {@code telemetry} turns it on.
     */
    public static BenchClient arcLlmFullStack(URI baseUrl, TelemetryHook telemetry) {
        ProviderRegistry registry = Objects.requireNonNull(telemetry, "telemetry")
                .apply(registryBuilder(baseUrl, true, WebClient.builder())).build();
        LlmProvider stack = registry.load("anthropic");
        String expected = telemetry == TelemetryHook.NONE ? "RetryModule -> FallbackModule -> AnthropicAdapter"
                : "TelemetryModule -> RetryModule -> FallbackModule -> AnthropicAdapter";
        if (!stack.toString().equals(expected)) {
            throw new IllegalStateException("expected " + expected + ", got " + stack);
        }
        return BenchClient.of(Kind.ARCLLM_FULL_STACK.label(), () -> stack.invoke(request()).map(BenchClients::text), () -> {
            stack.close();
            registry.close();
        });
    }

    /** The official SDK's OkHttp async client with its defaults. */
    public static BenchClient anthropicSdk(URI baseUrl) {
        AnthropicClientAsync sdk = AnthropicOkHttpClientAsync.builder()
                .baseUrl(baseUrl.toString())
                .apiKey(API_KEY)
                .build();
        return BenchClient.of(Kind.ANTHROPIC_SDK.label(), () -> Mono.fromFuture(() -> sdk.messages().create(
                        MessageCreateParams.builder().model(MODEL).maxTokens(MAX_TOKENS).addUserMessage(PROMPT).build()))
                .map(message -> message.content().get(0).text().map(TextBlock::text).orElse("")),
                sdk::close);
    }

    /** The request the ArcLLM clients send (built per call, as an application would). */
    public static LlmRequest request() {
        return LlmRequest.builder().message(Message.user(PROMPT)).maxTokens(MAX_TOKENS).build();
    }

    private static String text(LlmResponse response) {
        return response.content() == null ? "" : response.content();
    }

    /**
     * A registry serving {@code anthropic} (and {@code anthropic_backup}, its fallback) from {@code baseUrl}.
     *
     * @param fullStack retry and fallback on (fallback chain: {@code anthropic_backup}); else every module off
     * @param webClientBuilder what the adapters clone for their WebClient
     */
    public static ProviderRegistry registry(URI baseUrl, boolean fullStack, WebClient.Builder webClientBuilder) {
        return registryBuilder(baseUrl, fullStack, webClientBuilder).build();
    }

    /** As {@link #registry}, not yet built. */
    public static ProviderRegistry.Builder registryBuilder(URI baseUrl, boolean fullStack, WebClient.Builder webClientBuilder) {
        ModuleDefaults modules = fullStack
                ? ModuleDefaults.builder().retryEnabled(true).fallbackEnabled(true).fallback(f -> f.chain("anthropic_backup")).build()
                : ModuleDefaults.defaults();
        ProviderSettings primary = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(baseUrl)
                .apiKey(API_KEY)
                .build();
        ProviderSettings backup = primary.toBuilder().id("anthropic_backup").build();
        return ProviderRegistry.builder()
                .catalog(ProviderCatalog.of(Map.of("anthropic", primary, "anthropic_backup", backup)))
                .modules(modules)
                .webClientBuilder(webClientBuilder)
                .env(name -> null);
    }
}

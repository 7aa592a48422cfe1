package io.arcllm.bench.jmh;

import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.models.messages.MessageCreateParams;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.AnthropicRequestWriter;
import io.arcllm.adapter.internal.Json;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A whole call on the caller's thread with the socket cut out: each client's HTTP layer is short-circuited
 * to hand back the canned ~1 KB answer (a WebClient filter for raw WebClient and ArcLLM, an interceptor for
 * the SDK, which still writes its request body). What remains is each client's own per-call work: request
 * building and serialization, WebClient/SDK plumbing, body decoding, parsing and mapping, modules. With
 * {@code -prof gc} it gives the bytes each client allocates per call on top of the network I/O, the figure the
 * report takes from here. (The times are in JMH's log; on two cores they swing too much between runs to
 * record, see docs/BENCHMARKS.md.) These paths take the JIT seconds to compile, hence the longer warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class CallPathBenchmarks {

    private static final String ANSWER = CannedAnswers.anthropicMessageText();
    private static final URI UNUSED = URI.create("http://127.0.0.1:9");

    private WebClient raw;
    private byte[] rawBody;
    private LlmProvider adapter;
    private LlmProvider fullStack;
    private AnthropicClient sdk;

    /** Builds the clients once. */
    @Setup
    public void setUp() {
        ExchangeFilterFunction canned = (request, next) -> Mono.fromSupplier(() -> ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(ANSWER)
                .build());
        raw = WebClient.builder().filter(canned).baseUrl(UNUSED.toString()).build();
        rawBody = Json.MAPPER.writeValueAsBytes(AnthropicRequestWriter.write(BenchClients.request(), CannedAnswers.MODEL,
                CannedAnswers.MAX_TOKENS));
        adapter = BenchClients.registry(UNUSED, false, WebClient.builder().filter(canned)).load("anthropic");
        fullStack = io.arcllm.bench.load.TelemetryHook.REGISTRY
                .apply(BenchClients.registryBuilder(UNUSED, true, WebClient.builder().filter(canned))).build().load("anthropic");
        sdk = AnthropicOkHttpClient.builder().baseUrl(UNUSED.toString()).apiKey(BenchClients.API_KEY)
                .addInterceptor(next -> new CannedSdkHttpClient(next)).build();
    }

    /** Closes the clients. */
    @TearDown
    public void tearDown() {
        adapter.close();
        fullStack.close();
        sdk.close();
    }

    /** Raw WebClient: post the bytes, read the answer into a tree, pick the text. */
    @Benchmark
    public String rawWebClient() {
        return raw.post().uri("/v1/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("x-api-key", BenchClients.API_KEY)
                .header("anthropic-version", AnthropicAdapter.API_VERSION)
                .bodyValue(rawBody)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> json.get("content").get(0).get("text").stringValue())
                .block();
    }

    /** The ArcLLM adapter, request built per call. */
    @Benchmark
    public String arcLlmAdapter() {
        LlmResponse response = adapter.invoke(BenchClients.request()).block();
        return response.content();
    }

    /** ArcLLM retry and fallback around the adapter. */
    @Benchmark
    public String arcLlmFullStack() {
        LlmResponse response = fullStack.invoke(BenchClients.request()).block();
        return response.content();
    }

    /** The official SDK's client (sync; the async one adds a hop to its executor), params built per call. */
    @Benchmark
    public String anthropicSdk() {
        return sdk.messages().create(MessageCreateParams.builder().model(CannedAnswers.MODEL)
                        .maxTokens(CannedAnswers.MAX_TOKENS).addUserMessage(CannedAnswers.PROMPT).build())
                .content().get(0).asText().text();
    }

    /** Writes the SDK's request body to nowhere and answers with the canned bytes. */
    static final class CannedSdkHttpClient implements HttpClient {
        private static final byte[] BYTES = CannedAnswers.anthropicMessage();
        private static final com.anthropic.core.http.Headers HEADERS = com.anthropic.core.http.Headers.builder()
                .put("content-type", "application/json").build();
        private final HttpClient next;

        CannedSdkHttpClient(HttpClient next) {
            this.next = next;
        }

        @Override
        public HttpResponse execute(HttpRequest request, RequestOptions options) {
            request.body().ifPresent(body -> body.writeTo(OutputStream.nullOutputStream()));
            return new HttpResponse() {
                @Override
                public int statusCode() {
                    return 200;
                }

                @Override
                public com.anthropic.core.http.Headers headers() {
                    return HEADERS;
                }

                @Override
                public java.io.InputStream body() {
                    return new java.io.ByteArrayInputStream(BYTES);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
            return CompletableFuture.completedFuture(execute(request, options));
        }

        @Override
        public void close() {
            next.close();
        }
    }
}

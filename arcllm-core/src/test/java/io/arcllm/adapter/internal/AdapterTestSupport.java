package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.BaseAdapter;
import io.arcllm.adapter.internal.OpenAiAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.LlmResponse;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderSettings;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** What the adapter tests share: settings against WireMock, a fixed clock, the two formats, secret checks. */
final class AdapterTestSupport {

    /** The key every test adapter sends; it must never show up anywhere but the request header. */
    static final String KEY = "sk-test-0123456789-SECRET";
    /** "Now" for Retry-After dates. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Duration BLOCK = Duration.ofSeconds(5);

    static {
        // Without a logback-test.xml, logback logs everything at DEBUG: Netty and WireMock would drown the build output.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    }

    private AdapterTestSupport() {
    }

    /** A WireMock server on a dynamic port, for a static {@code @RegisterExtension} field (fresh per class). */
    static WireMockExtension wireMock() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().containerThreads(64)).build();
    }

    /** The two wire formats, with what differs between them in tests. */
    enum Format {
        ANTHROPIC("anthropic", ApiFormat.ANTHROPIC, "/v1/messages", "claude-test", 8_192, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
                 "content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":10,"output_tokens":5}}"""),
        OPENAI("openai", ApiFormat.OPENAI, "/v1/chat/completions", "gpt-test", 16_384, """
                {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""");

        final String id;
        final ApiFormat apiFormat;
        final String path;
        final String model;
        final int maxOutputTokens;
        /** A minimal valid answer with content "Hello" and 10 + 5 tokens. */
        final String okBody;

        Format(String id, ApiFormat apiFormat, String path, String model, int maxOutputTokens, String okBody) {
            this.id = id;
            this.apiFormat = apiFormat;
            this.path = path;
            this.model = model;
            this.maxOutputTokens = maxOutputTokens;
            this.okBody = okBody;
        }

        /** Settings pointing at {@code baseUrl}, with this format's test model in the catalog. */
        ProviderSettings settings(String baseUrl, UnaryOperator<ProviderSettings.Builder> customizer) {
            ProviderSettings.Builder builder = ProviderSettings.builder(id, apiFormat)
                    .baseUrl(baseUrl)
                    .apiKeyEnv(id.toUpperCase() + "_API_KEY")
                    .defaultModel(model)
                    .model(model, new ModelMetadata(128_000, maxOutputTokens, true, true, true, 3, 15, 0.3, 3.75))
                    .readTimeout(BLOCK);
            return customizer.apply(builder).build();
        }

        BaseAdapter adapter(ProviderSettings settings) {
            return adapter(settings, WebClient.builder());
        }

        BaseAdapter adapter(ProviderSettings settings, WebClient.Builder builder) {
            return this == ANTHROPIC
                    ? new AnthropicAdapter(settings, model, builder, ApiKey.of(KEY), CLOCK)
                    : new OpenAiAdapter(settings, model, builder, ApiKey.of(KEY), CLOCK);
        }

        BaseAdapter adapter(WireMockExtension wireMock) {
            return adapter(settings(wireMock.baseUrl(), UnaryOperator.identity()));
        }

        /** A stub for this format's endpoint. */
        MappingBuilder endpoint() {
            return post(urlPathEqualTo(path));
        }

        /** A request to this format's endpoint carrying the key the way this format sends it. */
        RequestPatternBuilder sentWithKey() {
            RequestPatternBuilder sent = postRequestedFor(urlPathEqualTo(path))
                    .withHeader("Content-Type", equalTo("application/json"));
            return this == ANTHROPIC
                    ? sent.withHeader("x-api-key", equalTo(KEY)).withHeader("anthropic-version", equalTo("2023-06-01"))
                    : sent.withHeader("Authorization", equalTo("Bearer " + KEY));
        }
    }

    /** A 200 JSON answer. */
    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Blocks for the response. */
    static LlmResponse call(Mono<LlmResponse> mono) {
        return mono.block(BLOCK);
    }

    /** The error a call ends with; fails the test if it succeeds. */
    static Throwable failure(Mono<LlmResponse> mono) {
        Throwable error = catchThrowable(() -> mono.block(BLOCK));
        assertThat(error).as("the call should fail").isNotNull();
        return error;
    }

    /** Asserts the key is in no message, toString, body or raw string anywhere in the error's chain. */
    static void assertKeyAbsent(Throwable error) {
        List<Throwable> seen = new ArrayList<>();
        collect(error, seen);
        for (Throwable t : seen) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
            assertThat(t.toString()).doesNotContain(KEY);
            if (t instanceof ArcLlmApiException api) {
                assertThat(api.body()).doesNotContain(KEY);
            }
            if (t instanceof ArcLlmParseException parse) {
                assertThat(parse.rawString()).doesNotContain(KEY);
            }
        }
    }

    private static void collect(Throwable t, List<Throwable> seen) {
        if (t == null || seen.contains(t)) {
            return;
        }
        seen.add(t);
        collect(t.getCause(), seen);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, seen);
        }
    }
}

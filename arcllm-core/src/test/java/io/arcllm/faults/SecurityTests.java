package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.faults.FaultMatrix.Upstream;
import io.arcllm.faults.FaultStack.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What keeps keys and callers safe when a provider, a network or a configuration is hostile or wrong: no key
 * over plain HTTP to another machine, no key carried along a redirect, no strange provider ids, no unbounded
 * error bodies in messages or logs, no key inside a parse error.
 */
class SecurityTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();
    static final ConnectionCounter elsewhereConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);
    /** Another host a hostile or compromised provider redirects to. */
    @RegisterExtension
    static final WireMockExtension elsewhere = FaultStack.wireMock(elsewhereConnections);

    /** A key made only of letters, digits and '_': a JSON parser reads it as one bare token. */
    private static final String TOKEN_LIKE_KEY = "arcllmFaultsKey_9f8e7d6c5b4a3210";

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY, TOKEN_LIKE_KEY);

    @ParameterizedTest
    @ValueSource(strings = {"http://api.anthropic.com", "http://10.0.0.5:8080", "http://169.254.169.254",
            "http://[2001:db8::1]:8443", "http://localhost.attacker.example", "http://127.0.0.1.nip.io",
            "http://localhost@attacker.example", "ftp://127.0.0.1"})
    void plainHttpToANonLoopbackHostIsRejectedAtConstruction(String baseUrl) {
        ProviderSettings.Builder settings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(baseUrl);

        assertThatThrownBy(settings::build).isInstanceOf(ArcLlmConfigException.class)
                .hasMessageStartingWith("arcllm.providers.anthropic.base-url ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1", "http://127.8.9.10:9000", "http://[::1]:9000",
            "https://api.example.com"})
    void plainHttpIsAllowedOnlyForLoopback(String baseUrl) {
        ProviderSettings settings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                .baseUrl(baseUrl).build();

        assertThat(settings.baseUrl()).hasToString(baseUrl);
    }

    static Stream<Arguments> redirects() {
        return Stream.of(301, 302, 303, 307, 308)
                .flatMap(status -> Stream.of(Scenario.values()).map(scenario -> Arguments.of(status, scenario)));
    }

    @ParameterizedTest(name = "HTTP {0}, {1}")
    @MethodSource("redirects")
    void redirectToAnotherHostIsNotFollowedAndThatHostNeverSeesTheKey(int status, Scenario scenario) {
        String target = "http://localhost:" + elsewhere.getPort() + ANTHROPIC_PATH;
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Location", target)));
        elsewhere.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(okJson(FaultStack.ANTHROPIC_OK)));
        int connectionsBefore = elsewhereConnections.openedInAll();

        Run run = new FaultMatrix(fallback, fallbackConnections, secrets)
                .run(scenario, Upstream.of(primary, primaryConnections), scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(((ArcLlmApiException) run.error()).statusCode()).isEqualTo(status);
        }
        assertThat(elsewhere.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isZero();
        assertThat(elsewhereConnections.openedInAll()).as("connections to the redirect target").isEqualTo(connectionsBefore);
    }

    @Test
    void invalidProviderIdsAreRejectedBeforeAnythingIsSent() {
        ProviderRegistry registry = ProviderRegistry.builder().catalog(catalogAt(primary.baseUrl()))
                .env(FaultStack.ENV).build();
        List<String> invalid = List.of("Anthropic", "open-ai", "../anthropic", "anthropic/../../etc", "", " anthropic",
                "anthropic\n", "anthropic?x=1", "1anthropic", "a".repeat(65));

        for (String id : invalid) {
            assertThatThrownBy(() -> registry.load(id)).as("load(%s)", id).isInstanceOf(ArcLlmConfigException.class)
                    .hasMessageStartingWith("invalid provider id '");
            assertThatThrownBy(() -> ProviderSettings.builder(id, ApiFormat.ANTHROPIC).baseUrl("https://api.example.com")
                    .apiKeyEnv("KEY").defaultModel("m").build()).as("settings id %s", id)
                    .isInstanceOf(ArcLlmConfigException.class);
            assertThatThrownBy(() -> FallbackConfig.builder().chain(List.of("openai", id)).build()).as("chain entry %s", id)
                    .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("invalid provider id");
        }
        assertThatThrownBy(() -> registry.load(null)).isInstanceOf(ArcLlmConfigException.class);
        assertThatThrownBy(() -> registry.load("mistral")).isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("unknown provider 'mistral'; known providers: anthropic, openai");
        assertThat(primary.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isZero();
    }

    @Test
    void errorBodiesAreTruncatedInMessagesAndLogsButKeptWholeOnTheException() {
        String body = "{\"error\":\"" + "x".repeat(5_000) + " END-OF-BODY\"}";
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withStatus(503).withBody(body)));

        Run run = new FaultMatrix(fallback, fallbackConnections, secrets).run(Scenario.DEFAULT_ORDER_FALLBACK_FAILS,
                Upstream.of(primary, primaryConnections), Scenario.DEFAULT_ORDER_FALLBACK_FAILS.whenPrimaryFails(true, FaultStack.BACKOFF));

        ArcLlmApiException error = (ArcLlmApiException) run.error();
        assertThat(error.body()).isEqualTo(body);
        assertThat(error.getMessage()).startsWith("anthropic API error: HTTP 503: {\"error\":\"xxx")
                .endsWith("… (" + body.length() + " chars)")
                .doesNotContain("END-OF-BODY")
                .hasSizeLessThanOrEqualTo("anthropic API error: HTTP 503: ".length() + ArcLlmApiException.MAX_BODY_IN_MESSAGE + 20);
        assertThat(error.toString()).doesNotContain("END-OF-BODY");
        assertThat(secrets.lines()).as("what the modules logged about the failures")
                .filteredOn(line -> line.contains("io.arcllm.module")).hasSizeGreaterThan(3)
                .allSatisfy(line -> assertThat(line).doesNotContain("END-OF-BODY").hasSizeLessThan(1_000));
    }

    @Test
    void unparsableAnswersAreTruncatedInMessagesButKeptWholeOnTheException() {
        String body = "{\"content\":[{\"type\":\"text\",\"text\":\"" + "y".repeat(5_000) + " END-OF-BODY";
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(okJson(body)));

        Run run = new FaultMatrix(fallback, fallbackConnections, secrets).run(Scenario.DEFAULT_ORDER_FALLBACK_FAILS,
                Upstream.of(primary, primaryConnections), Scenario.DEFAULT_ORDER_FALLBACK_FAILS.whenPrimaryFails(false, List.of()));

        ArcLlmParseException error = (ArcLlmParseException) run.error();
        assertThat(error.rawString()).isEqualTo(body);
        assertThat(error.getMessage()).doesNotContain("END-OF-BODY").hasSizeLessThan(600);
    }

    @Test
    void keyEchoedAsABareTokenInA200AnswerStaysOutOfTheParseError() throws InterruptedException {
        ProviderRegistry registry = ProviderRegistry.builder().catalog(catalogAt(primary.baseUrl()))
                .env(Map.of("ANTHROPIC_API_KEY", TOKEN_LIKE_KEY)::get).build();
        // A misbehaving gateway answering 200 with the credential it received, as plain text.
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withStatus(200).withBody(TOKEN_LIKE_KEY)));

        LlmResponse response = null;
        Throwable error = null;
        try (registry; LlmProvider provider = registry.load("anthropic")) {
            response = provider.invoke(FaultStack.REQUEST).toFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 5 s", e);
        }

        assertThat(response).isNull();
        assertThat(error).isInstanceOf(ArcLlmParseException.class);
        secrets.assertNoKeyIn(error);
    }

    @Test
    void theStackAndItsSettingsNeverShowTheKey() {
        try (FaultStack stack = new FaultStack(primary.baseUrl(), fallback.baseUrl(), false, FaultStack.DEFAULT_READ_TIMEOUT)) {
            ProviderSettings settings = ProviderCatalog.builtIn().find("anthropic").orElseThrow().toBuilder()
                    .apiKey(ANTHROPIC_KEY).build();

            assertThat(stack.provider().toString()).isEqualTo("RetryModule -> FallbackModule -> AnthropicAdapter");
            assertThat(settings.toString()).contains("apiKey=****").doesNotContain(ANTHROPIC_KEY);
            assertThat(settings.apiKey().toString()).doesNotContain(ANTHROPIC_KEY);
            primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(okJson(FaultStack.ANTHROPIC_OK)));
            assertThat(stack.call().response().content()).isEqualTo(FaultStack.PRIMARY_ANSWER);
        }
    }

    private static ProviderCatalog catalogAt(String baseUrl) {
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        return builtIn.with(builtIn.find("anthropic").orElseThrow().toBuilder().baseUrl(baseUrl).build());
    }
}

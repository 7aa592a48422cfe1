package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_OK;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.BACKOFF;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static io.arcllm.faults.FaultStack.PRIMARY_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.StopReason;
import io.arcllm.config.ProviderSettings;
import io.arcllm.faults.FaultMatrix.Upstream;
import io.arcllm.faults.FaultStack.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The primary answers, but not with what was asked for: 200 with broken, incomplete or non-JSON bodies and a
 * body over the size limit are parse errors (never retried: the same request would get the same answer; the
 * fallback still gets its turn); an unknown content-block type and a gzip-encoded answer are read normally.
 */
class AnswerFaultsTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);

    static final RawHttpServer raw = RawHttpServer.start();

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    /** 20 MB, over the default max-response-size of 16 MB. */
    private static final long TWENTY_MB = 20L * 1024 * 1024;

    @AfterAll
    static void stopRawServer() {
        raw.close();
    }

    private Run run(Scenario scenario, Upstream upstream, Scenario.Expected expected) {
        return new FaultMatrix(fallback, fallbackConnections, secrets).run(scenario, upstream, expected);
    }

    private Run runWireMock(Scenario scenario, ResponseDefinitionBuilder answer, Scenario.Expected expected) {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(answer));
        return run(scenario, Upstream.of(primary, primaryConnections), expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void invalidJsonIsAParseErrorNeverRetried(Scenario scenario) {
        String cut = "{\"id\":\"msg_1\",\"note\":\"key " + ANTHROPIC_KEY + "\",\"content\":[{\"type\":\"text\",\"text\":\"4";

        Run run = runWireMock(scenario, okJson(cut), scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmParseException.class)
                    .hasMessageStartingWith("could not parse anthropic response: ");
            assertThat(run.error().getCause()).isNotNull();
            assertThat(((ArcLlmParseException) run.error()).rawString()).isEqualTo(cut.replace(ANTHROPIC_KEY, "****"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void jsonMissingRequiredFieldsIsAParseErrorNamingTheField(Scenario scenario) {
        String incomplete = """
                {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"4"}]}""";

        Run run = runWireMock(scenario, okJson(incomplete), scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmParseException.class).hasMessageContaining("missing field usage");
            assertThat(((ArcLlmParseException) run.error()).rawString()).isEqualTo(incomplete);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void htmlPageWithStatus200IsAParseError(Scenario scenario) {
        String html = "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                + "<body>Checking your browser before accessing the API.</body></html>";

        Run run = runWireMock(scenario, aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(html),
                scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmParseException.class).hasMessageContaining("Just a moment...");
            assertThat(((ArcLlmParseException) run.error()).rawString()).isEqualTo(html);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void emptyBodyWithStatus200IsAParseError(Scenario scenario) {
        Run run = runWireMock(scenario, aResponse().withStatus(200).withHeader("Content-Type", "application/json"),
                scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmParseException.class);
            assertThat(((ArcLlmParseException) run.error()).rawString()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void twentyMegabyteAnswerHitsTheDefaultSizeLimitAndIsNotRetried(Scenario scenario) {
        assertThat(ProviderSettings.DEFAULT_MAX_RESPONSE_BYTES).isEqualTo(16L * 1024 * 1024);
        raw.answerWith((request, reply) -> reply.stream(200, TWENTY_MB,
                "{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"".getBytes(StandardCharsets.UTF_8)));

        Run run = run(scenario, Upstream.of(raw), scenario.whenPrimaryFails(false, List.of()));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmParseException.class)
                    .hasMessageContaining("exceeds max-response-size of 16777216 bytes");
            assertThat(((ArcLlmParseException) run.error()).rawString()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void twentyMegabyteErrorAnswerKeepsItsStatusAndIsRetried(Scenario scenario) {
        raw.answerWith((request, reply) -> reply.stream(503, TWENTY_MB, "overloaded".getBytes(StandardCharsets.UTF_8)));

        Run run = run(scenario, Upstream.of(raw), scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            ArcLlmApiException error = (ArcLlmApiException) run.error();
            assertThat(error.statusCode()).isEqualTo(503);
            assertThat(error.body()).contains("exceeds max-response-size").hasSizeLessThan(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void unknownContentBlockTypeIsIgnored(Scenario scenario) {
        String answer = """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                 "content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"2+2"}},
                            {"type":"hologram_v9","payload":{"frames":[1,2,3]}},
                            {"type":"text","text":"4"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":6}}""";

        Run run = runWireMock(scenario, okJson(answer), scenario.whenPrimaryAnswers());

        assertThat(run.response().content()).isEqualTo("4");
        assertThat(run.response().toolCalls()).isEmpty();
        assertThat(run.response().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(run.response().usage().totalTokens()).isEqualTo(18);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void gzipEncodedAnswerIsDecoded(Scenario scenario) {
        byte[] gzipped = gzip(ANTHROPIC_OK);
        raw.answerWith((request, reply) -> {
            if (String.valueOf(request.header("accept-encoding")).contains("gzip")) {
                reply.respond(200, Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), gzipped);
            } else {
                reply.json(200, "{\"error\":\"the client did not offer gzip\"}");
            }
        });

        Run run = run(scenario, Upstream.of(raw), scenario.whenPrimaryAnswers());

        assertThat(run.response().content()).isEqualTo(PRIMARY_ANSWER);
        assertThat(run.response().usage().totalTokens()).isEqualTo(18);
        assertThat(raw.requests()).singleElement()
                .satisfies(request -> assertThat(request.header("accept-encoding")).contains("gzip"));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}

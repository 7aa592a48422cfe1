package io.arcllm.sample.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * About 100 hostile requests against the gateway, as an attacker or a careless client would send them.
 * Every one ends in a 4xx problem detail whatever the {@code Accept}, nothing reaches either provider (a
 * WireMock stand-in that would answer 200 counts every request), and the log has no ERROR line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arcllm.providers.anthropic.api-key=sk-ant-hostile-0123456789",
        "arcllm.providers.openai.api-key=sk-openai-hostile-0123456789",
        "arcllm.limits.max-messages=50",
        "arcllm.limits.max-tools=10",
        "arcllm.limits.max-request-size=200KB",
        "spring.http.codecs.max-in-memory-size=1MB",
        "server.netty.idle-timeout=1s",
        "sample.server.read-timeout=500ms",
        "sample.server.request-timeout=2s",
        "logging.level.io.arcllm.sample.chat=DEBUG"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

    private static final String HI = "{\"role\": \"user\", \"content\": \"hi\"}";
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S*\\s+ERROR\\s");
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension openai = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void baseUrls(DynamicPropertyRegistry registry) {
        registry.add("arcllm.providers.anthropic.base-url", anthropic::baseUrl);
        registry.add("arcllm.providers.openai.base-url", openai::baseUrl);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    private double serverErrorsBefore;
    private int logBefore;

    @BeforeEach
    void upstreamWouldAnswer(CapturedOutput output) {
        serverErrorsBefore = serverErrors();
        logBefore = output.getAll().length();
        // If anything got through, the provider would answer and the gateway would say 200.
        anthropic.stubFor(any(anyUrl()).willReturn(okJson("""
                {"model": "m", "stop_reason": "end_turn", "content": [{"type": "text", "text": "sent!"}],
                 "usage": {"input_tokens": 1, "output_tokens": 1}}""")));
        openai.stubFor(any(anyUrl()).willReturn(okJson("""
                {"model": "m", "choices": [{"index": 0, "message": {"role": "assistant", "content": "sent!"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1}}""")));
    }

    @AfterEach
    void nothingWasSentUpstreamAndNothingWasLoggedAsAnError(CapturedOutput output) {
        assertThat(anthropic.getAllServeEvents()).as("requests at the Anthropic stand-in").isEmpty();
        assertThat(openai.getAllServeEvents()).as("requests at the OpenAI stand-in").isEmpty();
        String log = output.getAll().substring(Math.min(logBefore, output.getAll().length()));
        assertThat(ERROR_LINE.matcher(log).find()).as("an ERROR line in this case's log:%n%s", log).isFalse();
        assertThat(serverErrors() - serverErrorsBefore).as("5xx in the http.server.requests metrics").isZero();
    }

    private double serverErrors() {
        return Search.in(meters).name("http.server.requests").tag("outcome", "SERVER_ERROR").timers()
                .stream().mapToLong(t -> t.count()).sum();
    }

    static Stream<Arguments> hostileBodies() {
        List<Arguments> cases = new ArrayList<>();
        // Malformed JSON
        cases.add(arguments("truncated", "{\"messages\": ["));
        cases.add(arguments("stray brace", "{\"messages\": [}]}"));
        cases.add(arguments("single quotes", "{'messages': []}"));
        cases.add(arguments("trailing garbage", "{\"messages\": [" + HI + "]} trailing"));
        cases.add(arguments("two documents", "{\"messages\": [" + HI + "]}{}"));
        cases.add(arguments("comment", "{\"messages\": [" + HI + "] /* x */}"));
        cases.add(arguments("leading zero", "{\"messages\": [" + HI + "], \"maxTokens\": 01}"));
        cases.add(arguments("NaN literal", "{\"messages\": [" + HI + "], \"temperature\": NaN}"));
        cases.add(arguments("Infinity literal", "{\"messages\": [" + HI + "], \"temperature\": Infinity}"));
        cases.add(arguments("control character in a string", "{\"messages\": [{\"role\": \"user\", \"content\": \"a\u0001b\"}]}"));
        cases.add(arguments("deep nesting", "[".repeat(5000) + "]".repeat(5000)));
        cases.add(arguments("deep nesting in parameters", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"t\", \"parameters\": "
                + "{\"a\": ".repeat(3000) + "1" + "}".repeat(3000) + "}]}"));
        cases.add(arguments("a JSON array", "[" + HI + "]"));
        cases.add(arguments("a JSON string", "\"hi\""));
        cases.add(arguments("a JSON number", "42"));
        // Nulls in every position where a value is required
        cases.add(arguments("null body", "null"));
        cases.add(arguments("null messages", "{\"messages\": null}"));
        cases.add(arguments("null message", "{\"messages\": [null]}"));
        cases.add(arguments("null after a message", "{\"messages\": [" + HI + ", null]}"));
        cases.add(arguments("null role", "{\"messages\": [{\"role\": null, \"content\": \"hi\"}]}"));
        cases.add(arguments("null content", "{\"messages\": [{\"role\": \"user\", \"content\": null}]}"));
        cases.add(arguments("null block", "{\"messages\": [{\"role\": \"user\", \"content\": [null]}]}"));
        cases.add(arguments("null block type", "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": null, \"text\": \"x\"}]}]}"));
        cases.add(arguments("null text", "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": null}]}]}"));
        cases.add(arguments("null image source", block("{\"type\": \"image\", \"source\": null, \"mediaType\": \"image/png\"}")));
        cases.add(arguments("null media type", block("{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": null}")));
        cases.add(arguments("null tool use id", "{\"messages\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"id\": null, \"name\": \"t\"}]}]}"));
        cases.add(arguments("null tool use name", "{\"messages\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"id\": \"t1\", \"name\": null}]}]}"));
        cases.add(arguments("null tool result id", "{\"messages\": [{\"role\": \"tool\", \"content\": [{\"type\": \"tool_result\", \"toolUseId\": null, \"content\": \"4\"}]}]}"));
        cases.add(arguments("null in tool result content", "{\"messages\": [{\"role\": \"tool\", \"content\": [{\"type\": \"tool_result\", \"toolUseId\": \"t1\", \"content\": [null]}]}]}"));
        cases.add(arguments("null tool", "{\"messages\": [" + HI + "], \"tools\": [null]}"));
        cases.add(arguments("null tool name", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": null}]}"));
        cases.add(arguments("null stop sequence", "{\"messages\": [" + HI + "], \"stopSequences\": [null]}"));
        // Wrong types
        cases.add(arguments("role as a number", "{\"messages\": [{\"role\": 1, \"content\": \"hi\"}]}"));
        cases.add(arguments("role as a boolean", "{\"messages\": [{\"role\": true, \"content\": \"hi\"}]}"));
        cases.add(arguments("role as an object", "{\"messages\": [{\"role\": {}, \"content\": \"hi\"}]}"));
        cases.add(arguments("upper-case role", "{\"messages\": [{\"role\": \"USER\", \"content\": \"hi\"}]}"));
        cases.add(arguments("content as a number", "{\"messages\": [{\"role\": \"user\", \"content\": 42}]}"));
        cases.add(arguments("content as an object", "{\"messages\": [{\"role\": \"user\", \"content\": {\"text\": \"hi\"}}]}"));
        cases.add(arguments("messages as an object", "{\"messages\": {\"role\": \"user\"}}"));
        cases.add(arguments("messages as a string", "{\"messages\": \"hi\"}"));
        cases.add(arguments("message as a string", "{\"messages\": [\"hi\"]}"));
        cases.add(arguments("maxTokens as a string", "{\"messages\": [" + HI + "], \"maxTokens\": \"50\"}"));
        cases.add(arguments("maxTokens as a fraction", "{\"messages\": [" + HI + "], \"maxTokens\": 1.9}"));
        cases.add(arguments("maxTokens in exponent form", "{\"messages\": [" + HI + "], \"maxTokens\": 1e3}"));
        cases.add(arguments("maxTokens over int range", "{\"messages\": [" + HI + "], \"maxTokens\": 3000000000}"));
        cases.add(arguments("maxTokens as a boolean", "{\"messages\": [" + HI + "], \"maxTokens\": true}"));
        cases.add(arguments("maxTokens zero", "{\"messages\": [" + HI + "], \"maxTokens\": 0}"));
        cases.add(arguments("temperature as a string", "{\"messages\": [" + HI + "], \"temperature\": \"0.5\"}"));
        cases.add(arguments("temperature as an array", "{\"messages\": [" + HI + "], \"temperature\": [1]}"));
        cases.add(arguments("negative temperature", "{\"messages\": [" + HI + "], \"temperature\": -0.1}"));
        cases.add(arguments("tools as an object", "{\"messages\": [" + HI + "], \"tools\": {\"name\": \"t\"}}"));
        cases.add(arguments("tool name as a number", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": 5}]}"));
        cases.add(arguments("tool parameters as a string", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"t\", \"parameters\": \"x\"}]}"));
        cases.add(arguments("stop sequences as a string", "{\"messages\": [" + HI + "], \"stopSequences\": \"END\"}"));
        cases.add(arguments("provider as a number", "{\"messages\": [" + HI + "], \"provider\": 42}"));
        cases.add(arguments("provider as an array", "{\"messages\": [" + HI + "], \"provider\": [\"openai\"]}"));
        cases.add(arguments("text as a number", block("{\"type\": \"text\", \"text\": 5}")));
        // Non-finite numbers
        cases.add(arguments("temperature 1e309", "{\"messages\": [" + HI + "], \"temperature\": 1e309}"));
        cases.add(arguments("temperature -1e309", "{\"messages\": [" + HI + "], \"temperature\": -1e309}"));
        cases.add(arguments("temperature \"Infinity\"", "{\"messages\": [" + HI + "], \"temperature\": \"Infinity\"}"));
        cases.add(arguments("temperature \"NaN\"", "{\"messages\": [" + HI + "], \"temperature\": \"NaN\"}"));
        cases.add(arguments("maxTokens 1e309", "{\"messages\": [" + HI + "], \"maxTokens\": 1e309}"));
        // Values a provider would reject
        cases.add(arguments("empty messages", "{\"messages\": []}"));
        cases.add(arguments("no messages", "{\"provider\": \"openai\"}"));
        cases.add(arguments("image that is not base64", block("{\"type\": \"image\", \"source\": \"not base64!\", \"mediaType\": \"image/png\"}")));
        cases.add(arguments("image as a data URL", block("{\"type\": \"image\", \"source\": \"data:image/png;base64,QQ==\", \"mediaType\": \"image/png\"}")));
        cases.add(arguments("svg image", block("{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": \"image/svg+xml\"}")));
        cases.add(arguments("pdf as an image", block("{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": \"application/pdf\"}")));
        cases.add(arguments("empty tool name", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"\"}]}"));
        cases.add(arguments("tool name with a space", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"get weather\"}]}"));
        cases.add(arguments("duplicate tool names", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"t\"}, {\"name\": \"t\"}]}"));
        cases.add(arguments("empty tool use id", "{\"messages\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"id\": \"\", \"name\": \"t\"}]}]}"));
        cases.add(arguments("empty stop sequence", "{\"messages\": [" + HI + "], \"stopSequences\": [\"\"]}"));
        cases.add(arguments("unknown block type", block("{\"type\": \"video\", \"url\": \"x\"}")));
        cases.add(arguments("block without type", block("{\"text\": \"hi\"}")));
        // Unknown properties at every level
        cases.add(arguments("unknown top-level property", "{\"messages\": [" + HI + "], \"temprature\": 0.2}"));
        cases.add(arguments("extras from a caller", "{\"messages\": [" + HI + "], \"extras\": {\"model\": \"expensive\"}}"));
        cases.add(arguments("unknown property in a message", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"name\": \"bob\"}]}"));
        cases.add(arguments("unknown property in a block", block("{\"type\": \"text\", \"text\": \"hi\", \"cache_control\": {\"type\": \"ephemeral\"}}")));
        cases.add(arguments("unknown property in a tool", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"t\", \"strict\": true}]}"));
        cases.add(arguments("a 100 KB property name", "{\"messages\": [" + HI + "], \"" + "k".repeat(100_000) + "\": 1}"));
        // Header injection in every string that reaches a URL or a header (the image data URL, the provider choice)
        cases.add(arguments("CRLF in the media type", block("{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": \"image/png\\r\\nX-Evil: 1\"}")));
        cases.add(arguments("CRLF in the media type for OpenAI", "{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": "
                + "[{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": \"image/png;base64,AAAA\\r\\nX-Evil: 1\"}]}]}"));
        cases.add(arguments("CRLF in the provider", "{\"provider\": \"anthropic\\r\\nX-Evil: 1\", \"messages\": [" + HI + "]}"));
        cases.add(arguments("path in the provider", "{\"provider\": \"../../actuator\", \"messages\": [" + HI + "]}"));
        cases.add(arguments("CRLF in a tool name", "{\"messages\": [" + HI + "], \"tools\": [{\"name\": \"t\\r\\nX-Evil: 1\"}]}"));
        // Oversized counts and sizes
        cases.add(arguments("51 messages", "{\"messages\": [" + String.join(", ", java.util.Collections.nCopies(51, HI)) + "]}"));
        cases.add(arguments("11 tools", "{\"messages\": [" + HI + "], \"tools\": ["
                + String.join(", ", Stream.iterate(0, i -> i + 1).limit(11).map(i -> "{\"name\": \"t" + i + "\"}").toList()) + "]}"));
        cases.add(arguments("a request over the size limit", "{\"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(300_000) + "\"}]}"));
        cases.add(arguments("a 100 KB provider id", "{\"provider\": \"" + "p".repeat(100_000) + "\", \"messages\": [" + HI + "]}"));
        return cases.stream();
    }

    private static String block(String block) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": [" + block + "]}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodyIsA4xxProblem(String name, String body) {
        JsonNode problem = problem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange());

        assertThat(problem.path("status").asInt()).isIn(400, 404);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("acceptHeaders")
    void anErrorIsAJsonProblemWhateverElseTheClientAccepts(String accept) {
        JsonNode problem = problem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, accept).bodyValue("{\"messages\": [null]}").exchange());

        assertThat(problem.path("status").asInt()).isEqualTo(400);
    }

    static Stream<String> acceptHeaders() {
        return Stream.of("*/*", "application/json", "text/event-stream, */*;q=0.1", "application/problem+json, application/json",
                "text/html, application/json;q=0.1");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("unacceptable")
    void aValidRequestThatAcceptsNoJsonIs406AndIsNotSent(String accept) {
        JsonNode problem = problem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, accept).bodyValue("{\"messages\": [" + HI + "]}").exchange());

        assertThat(problem.path("status").asInt()).isEqualTo(406);
        assertThat(problem.path("type").asString()).isEqualTo("urn:arcllm:problem:not-acceptable");
    }

    static Stream<String> unacceptable() {
        return Stream.of("text/event-stream", "application/problem+json", "text/html", "a/b/c;;;", "garbage");
    }

    @Test
    void springsOwnErrorsAreProblemsWithATypeAndAPlainDetail() {
        expectSpringProblem(client.get().uri("/api/chat").exchange(), 405, "method-not-allowed");
        expectSpringProblem(client.post().uri("/api/chat").contentType(MediaType.TEXT_PLAIN).bodyValue("hi").exchange(),
                415, "unsupported-media-type");
        expectSpringProblem(client.post().uri("/api/nope").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(),
                404, "not-found");
        expectSpringProblem(client.get().uri("/" + "x".repeat(2000)).exchange(), 404, "not-found");
        byte[] twoMegabytes = ("{\"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        expectSpringProblem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(twoMegabytes).exchange(),
                413, "payload-too-large");
    }

    @Test
    void aProviderIdIsEchoedOnlyAsAShortExcerpt() {
        String id = "p".repeat(100_000);
        EntityExchangeResult<String> result = client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"provider\": \"" + id + "\", \"messages\": [" + HI + "]}").exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult();

        assertThat(result.getResponseBody()).hasSizeLessThan(2_000);
        assertThat(ProblemAssertions.json(result.getResponseBody()).path("provider").asString()).startsWith("ppp").contains("(100000 chars)");
    }

    @Test
    void anInjectedHeaderNeverBecomesOne() {
        EntityExchangeResult<String> result = client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"provider\": \"x\\r\\nX-Evil: 1\", \"messages\": [" + HI + "]}").exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult();

        assertThat(result.getResponseHeaders().containsHeader("X-Evil")).isFalse();
        assertThat(ProblemAssertions.json(result.getResponseBody()).path("detail").asString()).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void abortedUploadsAreNeitherErrorsNorSent(CapturedOutput output) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"messages\": [").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0); // a reset rather than a clean close
                }
            }
        }
        // The server notices the aborts on its event loops: each is a DEBUG line, none an ERROR (@AfterEach).
        Awaitility.await().atMost(GENEROUS).until(() -> output.getAll().contains("the client went away")
                || output.getAll().contains("dropped after the client went away"));
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertClosedByTheServer(socket);
        }
    }

    @Test
    void aConnectionThatSendsHalfAHeaderIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("POST /api/chat HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII));
            assertClosedByTheServer(socket);
        }
    }

    @Test
    void aConnectionThatSendsHalfABodyIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"messages\": [").getBytes(StandardCharsets.US_ASCII));
            assertClosedByTheServer(socket);
        }
    }

    /** Reads until the server closes; fails if it is still open after 10 s (the timeouts under test are 0.5 to 2 s). */
    private static void assertClosedByTheServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) GENEROUS.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an answer (e.g. 408) may come first; the connection must still end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + GENEROUS.toSeconds() + " s", e);
        } catch (java.net.SocketException e) {
            // reset by the server: closed too
        }
    }

    private static void expectSpringProblem(WebTestClient.ResponseSpec response, int status, String type) {
        JsonNode problem = problem(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo("urn:arcllm:problem:" + type);
    }

    /** Asserts a 4xx {@code application/problem+json} answer with a type and a plain, short detail. */
    private static JsonNode problem(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<String> result = response.expectStatus().is4xxClientError()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult();
        String body = result.getResponseBody();
        assertThat(body).isNotNull().hasSizeLessThan(2_000);
        JsonNode problem = ProblemAssertions.json(body);
        assertThat(problem.path("type").asString()).startsWith("urn:arcllm:problem:");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank().hasSizeLessThan(600)
                .doesNotContain("java.").doesNotContain("tools.jackson").doesNotContain("io.arcllm").doesNotContain("Exception")
                .doesNotContain("StreamReadConstraints").doesNotContain("127.0.0.1").doesNotContain("\r").doesNotContain("\n");
        assertThat(result.getResponseHeaders().containsHeader("X-Evil")).isFalse();
        return problem;
    }
}

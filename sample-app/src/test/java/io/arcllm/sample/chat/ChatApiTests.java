package io.arcllm.sample.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.arcllm.sample.chat.ProblemAssertions.json;
import static io.arcllm.sample.chat.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.sample.demo.DemoModeInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/chat} against WireMock stand-ins for both providers, configured with explicit base
 * URLs and keys (so no demo simulator starts): the 200 answer and what was sent upstream, the provider
 * chosen per request with its modules, and every error as a problem detail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arcllm.providers.anthropic.api-key=" + ChatApiTests.ANTHROPIC_KEY,
        "arcllm.providers.openai.api-key=" + ChatApiTests.OPENAI_KEY,
        "arcllm.providers.openai.read-timeout=500ms",
        "arcllm.modules.retry.max-retries=1",
        "arcllm.modules.retry.backoff-base=10ms"})
@AutoConfigureWebTestClient
class ChatApiTests {

    static final String ANTHROPIC_KEY = "sk-ant-test-0123456789";
    static final String OPENAI_KEY = "sk-openai-test-0123456789";

    private static final String MESSAGES = "/v1/messages";
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String HI = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    private static final String ANTHROPIC_ANSWER = """
            {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
             "content": [{"type": "text", "text": "4"}], "stop_reason": "end_turn",
             "usage": {"input_tokens": 12, "output_tokens": 6}}""";
    private static final String OPENAI_ANSWER = """
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "from openai"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}}""";

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
    private ConfigurableApplicationContext context;

    @Test
    void explicitBaseUrlsAndKeysStartNoSimulator() {
        assertThat(context.containsBean(DemoModeInitializer.SIMULATORS_BEAN)).isFalse();
        assertThat(context.getEnvironment().getPropertySources().contains("arcllmDemoMode")).isFalse();
        assertThat(context.getEnvironment().getProperty("arcllm.providers.anthropic.base-url")).isEqualTo(anthropic.baseUrl());
    }

    @Test
    void answersWithTheLlmResponseJsonAndSendsTheAnthropicWireFormat() {
        anthropic.stubFor(post(MESSAGES).willReturn(okJson(ANTHROPIC_ANSWER)));

        String body = chat("""
                {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "2+2?"}],
                 "maxTokens": 64, "temperature": 0.5}""")
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode response = json(body);
        assertThat(response.path("content").asString()).isEqualTo("4");
        assertThat(response.path("model").asString()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(response.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(response.path("usage").path("totalTokens").asInt()).isEqualTo(18);
        assertThat(response.path("toolCalls").isArray()).isTrue();
        assertThat(response.has("thinking")).isTrue();
        assertThat(response.has("raw")).isFalse();
        anthropic.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(equalToJson("""
                        {"model": "claude-sonnet-4-20250514", "max_tokens": 64, "temperature": 0.5, "system": "be brief",
                         "messages": [{"role": "user", "content": [{"type": "text", "text": "2+2?"}]}]}""", true, true)));
        openai.verify(0, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void contentBlocksAndToolsGoUpstreamAndToolCallsComeBack() {
        anthropic.stubFor(post(MESSAGES).willReturn(okJson("""
                {"model": "claude-sonnet-4-20250514", "stop_reason": "tool_use", "usage": {"input_tokens": 5, "output_tokens": 7},
                 "content": [{"type": "tool_use", "id": "toolu_1", "name": "calculate", "input": {"expression": "123 * 456"}}]}""")));

        String body = chat("""
                {"messages": [{"role": "user", "content": [{"type": "text", "text": "What is 123 * 456?"}]}],
                 "tools": [{"name": "calculate", "description": "Evaluates arithmetic",
                            "parameters": {"type": "object", "properties": {"expression": {"type": "string"}}}}]}""")
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        JsonNode response = json(body);
        assertThat(response.path("stopReason").asString()).isEqualTo("tool_use");
        assertThat(response.path("toolCalls").get(0).path("name").asString()).isEqualTo("calculate");
        assertThat(response.path("toolCalls").get(0).path("arguments").path("expression").asString()).isEqualTo("123 * 456");
        anthropic.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("calculate")))
                .withRequestBody(matchingJsonPath("$.tools[0].input_schema.properties.expression.type", equalTo("string")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("What is 123 * 456?"))));
    }

    @Test
    void providerIsChosenPerRequest() {
        openai.stubFor(post(COMPLETIONS).willReturn(okJson(OPENAI_ANSWER)));

        String body = chat("{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body).path("content").asString()).isEqualTo("from openai");
        openai.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer " + OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o"))));
        anthropic.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void providerChosenPerRequestKeepsItsModules() {
        openai.stubFor(post(COMPLETIONS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"boom\"}}"))
                .willSetStateTo("recovered"));
        openai.stubFor(post(COMPLETIONS).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(OPENAI_ANSWER)));

        chat("{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .expectStatus().isOk();

        openai.verify(2, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"messages\": [",
            "[]",
            "{}",
            "{\"messages\": []}",
            "{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\", \"url\": \"x\"}]}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": 7}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"maxTokens\": 0}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temprature\": 0.2}"})
    void invalidBodyIs400AndNothingIsSentUpstream(String body) {
        JsonNode problem = problem(chat(body), 400, "invalid-request", "Invalid chat request");

        assertThat(problem.path("detail").asString()).doesNotContain("tools.jackson");
        anthropic.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        openai.verify(0, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void unknownRoleNamesTheFieldAndTheValidRoles() {
        JsonNode problem = problem(chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"robot\", \"content\": \"x\"}]}"),
                400, "invalid-request", "Invalid chat request");

        assertThat(problem.path("field").asString()).isEqualTo("messages[1].role");
        assertThat(problem.path("detail").asString()).contains("\"robot\"").contains("system, user, assistant, tool");
    }

    @Test
    void missingBodyIs400() {
        problem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON).exchange(),
                400, "invalid-request", "Invalid chat request");
        anthropic.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void unknownProviderIs404ListingTheKnownOnes() {
        JsonNode problem = problem(chat("{\"provider\": \"mistral\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                404, "unknown-provider", "Unknown provider");

        assertThat(problem.path("provider").asString()).isEqualTo("mistral");
        assertThat(problem.path("knownProviders").toString()).contains("anthropic").contains("openai");
        anthropic.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        openai.verify(0, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void upstreamErrorAfterRetriesIs502WithProviderAndUpstreamStatusAndATruncatedBody() {
        String longBody = "{\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"" + "x".repeat(5000) + " END\"}}";
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503).withBody(longBody)));

        JsonNode problem = problem(chat(HI), 502, "upstream-api-error", "Upstream provider error");

        assertThat(problem.path("provider").asString()).isEqualTo("anthropic");
        assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("HTTP 503").contains("api_error").doesNotContain("END");
        anthropic.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void rateLimitThatOutlastsTheRetriesIs502WithTheProvidersRetryAfterHint() {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "20")
                .withHeader("retry-after", "30")
                .withBody("{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"slow down\"}}")));

        JsonNode problem = problem(chat(HI), 502, "upstream-api-error", "Upstream provider error");

        assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(429);
        assertThat(problem.path("retryAfterSeconds").asLong()).isEqualTo(1);
        anthropic.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void upstreamClientErrorIs502AtOnceAndAnEchoedKeyIsMasked() {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(401)
                .withBody("{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", \"message\": \"invalid x-api-key "
                        + ANTHROPIC_KEY + "\"}}")));

        JsonNode problem = problem(chat(HI), 502, "upstream-api-error", "Upstream provider error", ANTHROPIC_KEY);

        assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asString()).contains("authentication_error");
        anthropic.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void unparsableUpstreamAnswerIs502() {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(200).withBody("<html>proxy error</html>")));

        JsonNode problem = problem(chat(HI), 502, "upstream-unreadable", "Unreadable upstream answer");

        assertThat(problem.path("detail").asString()).contains("anthropic");
    }

    @Test
    void connectionFailureIs502() {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        JsonNode problem = problem(chat(HI), 502, "upstream-unreachable", "Upstream provider unreachable");

        assertThat(problem.path("provider").asString()).isEqualTo("anthropic");
        assertThat(problem.path("failure").asString()).isEqualTo("closed");
        assertThat(problem.path("detail").asString())
                .isEqualTo("anthropic transport error: connection closed before the answer was complete");
        anthropic.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void timeoutIs504AndTheReadTimeoutOverrideTakesEffect() {
        openai.stubFor(post(COMPLETIONS).willReturn(okJson(OPENAI_ANSWER).withFixedDelay(1_500)));

        JsonNode problem = problem(chat("{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                504, "upstream-timeout", "Upstream provider timed out");

        assertThat(problem.path("provider").asString()).isEqualTo("openai");
        assertThat(problem.path("timeoutMillis").asLong()).isEqualTo(500);
    }

    @Test
    void wrongContentTypeIsAProblemDetailToo() {
        client.post().uri("/api/chat").contentType(MediaType.TEXT_PLAIN).bodyValue(HI).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theAppClosesIdleAndStalledConnections() {
        // HostileInputTests proves the behaviour with short timeouts; these are the app's own settings.
        assertThat(context.getEnvironment().getProperty("server.netty.idle-timeout")).isEqualTo("30s");
        assertThat(context.getEnvironment().getProperty("sample.server.read-timeout")).isEqualTo("10s");
        assertThat(context.getEnvironment().getProperty("sample.server.request-timeout")).isEqualTo("60s");
        assertThat(context.getBeansOfType(org.springframework.boot.reactor.netty.NettyServerCustomizer.class)).containsKey("gatewayTimeouts");
    }

    @Test
    void outsideDemoModeHealthHasNoDetailsAndMetricsAreNotOnThePublicPort() {
        String health = client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(health).doesNotContain("components").doesNotContain("apiKeyPresent").doesNotContain("127.0.0.1");
        client.get().uri("/actuator/metrics").exchange().expectStatus().isNotFound();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec chat(String body) {
        return client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}

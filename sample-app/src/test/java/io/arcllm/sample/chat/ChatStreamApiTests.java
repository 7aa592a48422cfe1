package io.arcllm.sample.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/chat/stream} against a WireMock Anthropic: the normalized events as server-sent events, what was
 * sent upstream, a failure before the first event as a problem detail, an interruption as a final {@code error} event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arcllm.providers.anthropic.api-key=" + ChatStreamApiTests.ANTHROPIC_KEY,
        "arcllm.providers.openai.api-key=sk-openai-test-0123456789"})
@AutoConfigureWebTestClient
class ChatStreamApiTests {

    static final String ANTHROPIC_KEY = "sk-ant-test-0123456789";
    private static final String MESSAGES = "/v1/messages";
    private static final String HI = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void baseUrls(DynamicPropertyRegistry registry) {
        registry.add("arcllm.providers.anthropic.base-url", anthropic::baseUrl);
        registry.add("arcllm.providers.openai.base-url", () -> "http://127.0.0.1:9");
    }

    @Autowired
    private WebTestClient client;

    private static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    private static String stream(String... deltas) {
        StringBuilder sse = new StringBuilder(event("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":"
                + "\"claude-sonnet-4-20250514\",\"usage\":{\"input_tokens\":8,\"output_tokens\":1}}}"));
        sse.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String delta : deltas) {
            sse.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                    + delta + "\"}}"));
        }
        return sse.toString();
    }

    private static String end() {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private void serve(String sse) {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(200).withHeader("content-type", "text/event-stream")
                .withBody(sse)));
    }

    private List<ServerSentEvent<String>> events() {
        // The whole exchange, streaming included, under a shared machine's load: longer than the 5 s default.
        return client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build().post().uri("/api/chat/stream").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(HI).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().collectList().block();
    }

    @Test
    void streamsTheNormalizedEventsAsJsonAndAsksUpstreamToStream() {
        serve(stream("2 + 2", " = 4") + end());

        List<JsonNode> data = events().stream().map(event -> MAPPER.readTree(event.data())).toList();

        assertThat(data).extracting(node -> node.path("type").asString())
                .containsExactly("start", "usage", "text_delta", "text_delta", "usage", "stop");
        assertThat(data.get(2).path("text").asString()).isEqualTo("2 + 2");
        assertThat(data.get(5).path("stopReason").asString()).isEqualTo("end_turn");
        anthropic.verify(postRequestedFor(urlEqualTo(MESSAGES)).withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
    }

    @Test
    void anUpstreamErrorBeforeTheFirstEventIsAProblemDetail() {
        anthropic.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("content-type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}")));

        String body = client.post().uri("/api/chat/stream").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON).bodyValue(HI).exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode problem = MAPPER.readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo("urn:arcllm:problem:upstream-api-error");
        assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(400);
        assertThat(body).doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void anInvalidRequestIsA400ProblemAndNothingIsSentUpstream() {
        client.post().uri("/api/chat/stream").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue("{\"messages\": []}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        anthropic.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void anInterruptionAfterContentEndsTheStreamWithAnErrorEventHoldingThePartialAnswer() {
        serve(stream("Hel", "lo") + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        List<ServerSentEvent<String>> events = events();

        ServerSentEvent<String> last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("error");
        JsonNode error = MAPPER.readTree(last.data());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("provider").asString()).isEqualTo("anthropic");
        assertThat(error.path("partial").path("content").asString()).isEqualTo("Hello");
        assertThat(error.path("detail").asString()).contains("529");
        assertThat(events).hasSize(5); // start, usage, two deltas, error
    }
}

package io.arcllm.sample.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A call the local rate limit refuses is a 429 problem with {@code Retry-After}, and is never sent upstream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arcllm.providers.anthropic.api-key=sk-ant-test-0123456789",
        "arcllm.providers.anthropic.modules.rate-limit.requests-per-minute=1",
        "arcllm.providers.anthropic.modules.rate-limit.max-wait=0s",
        "arcllm.providers.anthropic.modules.retry.enabled=false"})
@AutoConfigureWebTestClient
class RateLimitProblemTests {

    private static final String HI = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void baseUrls(DynamicPropertyRegistry registry) {
        registry.add("arcllm.providers.anthropic.base-url", anthropic::baseUrl);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void aCallBeyondTheLocalLimitIs429WithRetryAfterAndIsNotSent() {
        anthropic.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
                 "content": [{"type": "text", "text": "4"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 12, "output_tokens": 6}}""")));

        chat().expectStatus().isOk();
        WebTestClient.ResponseSpec refused = chat();

        refused.expectHeader().valueMatches("Retry-After", "[1-6][0-9]");
        JsonNode problem = ProblemAssertions.problem(refused, 429, "rate-limited", "Rate limit reached");
        assertThat(problem.path("provider").asString()).isEqualTo("anthropic");
        assertThat(problem.path("budget").asString()).isEqualTo("requests");
        assertThat(problem.path("retryAfterSeconds").asLong()).isBetween(1L, 60L);
        anthropic.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    private WebTestClient.ResponseSpec chat() {
        return client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(HI).exchange();
    }
}

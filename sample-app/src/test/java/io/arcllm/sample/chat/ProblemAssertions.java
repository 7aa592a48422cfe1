package io.arcllm.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks an RFC 9457 problem-detail answer. */
final class ProblemAssertions {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProblemAssertions() {
    }

    /**
     * Asserts the status, the {@code application/problem+json} type and the RFC 9457 members, that no
     * stack trace and none of the {@code secrets} leaked, and returns the problem for further checks.
     */
    static JsonNode problem(WebTestClient.ResponseSpec response, int status, String type, String title, String... secrets) {
        String body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).isNotNull().doesNotContain("\tat ").doesNotContain("\"trace\"").doesNotContain(".java:");
        for (String secret : secrets) {
            assertThat(body).doesNotContain(secret);
        }
        JsonNode problem = MAPPER.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo("urn:arcllm:problem:" + type);
        assertThat(problem.path("title").asString()).isEqualTo(title);
        assertThat(problem.path("detail").asString()).isNotBlank().hasSizeLessThan(600);
        assertThat(problem.path("instance").asString()).isEqualTo("/api/chat");
        return problem;
    }

    /** Parses a JSON answer body. */
    static JsonNode json(String body) {
        return MAPPER.readTree(body);
    }
}

package io.arcllm.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app with no API key: demo mode starts the simulators, the startup script shows retry and fallback
 * in the log, and {@code /api/chat} answers from the simulators. The backoff override shows that
 * command-line style properties beat the demo settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Blank out keys this machine may have, so the test always sees demo mode.
        "ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "OLLAMA_API_KEY=",
        "arcllm.modules.retry.backoff-base=50ms"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class DemoModeApplicationTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A local Ollama stand-in that, like the real one, needs no key (it would refuse none either way). */
    private static final ProviderSimulator ollama =
            ProviderSimulator.startOpenAiCompatible("ollama", "Ollama", "OLLAMA_API_KEY", false);

    @DynamicPropertySource
    static void ollamaBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("arcllm.providers.ollama.base-url", () -> ollama.baseUrl().toString());
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private DemoSimulators simulators;

    @Test
    void startupScriptShowsRetryWaitingOutRetryAfterThenA529RetriedThenFallback(CapturedOutput output) {
        String log = output.getAll();

        assertThat(log).contains("DEMO MODE").contains("export ANTHROPIC_API_KEY=");
        assertThat(log).contains("demo 1/7: Anthropic answers 429 with Retry-After: 1")
                .contains("simulated Anthropic: HTTP 429 with Retry-After: 1")
                .contains("[anthropic] retry attempt 1/2 after 1.00s: anthropic API error: HTTP 429");
        assertThat(log).contains("demo 2/7: Anthropic answers 529")
                .contains("simulated Anthropic: HTTP 529");
        assertThat(retryWaitSecondsAfter(log, "HTTP 529")).as("backoff-base=50ms override: 50-100 ms")
                .isBetween(0.05, 0.10);
        assertThat(log).contains("demo 3/7: Anthropic is down")
                .contains("[anthropic] giving up after 3 attempt(s)")
                .contains("[anthropic] fallback 'openai' answered")
                .containsPattern("demo 3/7: answered by gpt-4o");
        assertThat(log).contains("demo 4/7: Anthropic and OpenAI are both down - watch fallback walk the chain to Groq")
                .contains("[anthropic] fallback 'groq' answered")
                .containsPattern("demo 4/7: answered by llama-3.3-70b-versatile after \\d+ ms \\(3 Anthropic requests "
                        + "\\+ 3 OpenAI requests \\+ 1 Groq request\\)");
        assertThat(log).contains("demo 5/7: Anthropic streams an overloaded_error event before the first token")
                .contains("simulated Anthropic: 200 OK, then an overloaded_error event before the first token")
                .contains("retry attempt 1/2 after")
                .containsPattern("demo 5/7: one clean stream of [1-9][0-9]* text deltas \\(1 start event\\) after [0-9]+ ms \\(2 Anthropic requests\\)");
        assertThat(log).contains("demo 6/7: 8 calls at once to Groq, whose rate limit allows 2 in flight")
                .containsPattern("demo 6/7: 8 answers after \\d+ ms; Groq never saw more than 2 requests at once \\(8 Groq requests\\)");
        assertThat(log).contains("demo 7/7: OpenAI is down for 2 s while calls keep coming")
                .contains("[openai] circuit breaker open:")
                .contains("[openai] circuit breaker closed")
                .containsPattern("demo 7/7: \\d+ call\\(s\\) paid OpenAI's outage \\(\\d+ OpenAI requests?\\); [1-9]\\d* went straight"
                        + " to Groq in \\d+ ms on average; OpenAI answered again \\d+ ms after the step began");
        assertThat(log).contains("demo done").contains("curl -s localhost:");
        assertThat(log).doesNotContain("the call failed");
    }

    @Test
    void chatStreamStreamsTheSimulatedAnswerWordByWord() {
        List<String> data = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build()
                .post().uri("/api/chat/stream").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().block();

        List<JsonNode> events = data.stream().map(MAPPER::readTree).toList();
        assertThat(events.get(0).path("type").asString()).isEqualTo("start");
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("text_delta")).count()).isGreaterThan(5);
        assertThat(events.get(events.size() - 1).path("stopReason").asString()).isEqualTo("end_turn");
        String text = events.stream().filter(e -> e.path("type").asString().equals("text_delta"))
                .map(e -> e.path("text").asString()).collect(java.util.stream.Collectors.joining());
        assertThat(text).contains("You said: \"hi\"");
    }

    @Test
    void chatAnswersFromTheSimulatedDefaultProviderWithoutFaults() {
        long before = simulators.anthropic().requestCount();

        JsonNode response = chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.path("content").asString()).contains("You said: \"hi\"").contains("ANTHROPIC_API_KEY");
        assertThat(response.path("model").asString()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(response.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(response.path("usage").path("outputTokens").asInt()).isPositive();
        assertThat(simulators.anthropic().requestCount()).isEqualTo(before + 1);
    }

    @Test
    void chatReachesTheSimulatedOpenAiWhenTheRequestNamesIt() {
        JsonNode response = chat("{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.path("content").asString()).contains("simulated OpenAI API");
        assertThat(response.path("model").asString()).isEqualTo("gpt-4o");
    }

    @Test
    void chatReachesTheSimulatedGroqAsAnOpenAiCompatibleServer() {
        JsonNode response = chat("{\"provider\": \"groq\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.path("content").asString()).contains("simulated Groq API").contains("GROQ_API_KEY");
        assertThat(response.path("model").asString()).isEqualTo("llama-3.3-70b-versatile");
    }

    @Test
    void chatReachesALocalOllamaWithoutAKeyWhenItsBaseUrlIsSet() {
        long before = ollama.requestCount();

        JsonNode response = chat("{\"provider\": \"ollama\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.path("content").asString()).contains("simulated Ollama API");
        assertThat(response.path("model").asString()).isEqualTo("llama3.2");
        assertThat(ollama.requestCount()).isEqualTo(before + 1);
    }

    @Test
    void actuatorShowsTheDemoRunsLatencyTokensRetriesAndProviderHealth() {
        chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        JsonNode duration = get("/actuator/metrics/gen_ai.client.operation.duration");
        assertThat(statistic(duration, "COUNT")).as("demo calls + this one").isGreaterThanOrEqualTo(4);
        assertThat(tagValues(duration, "gen_ai.provider.name")).contains("anthropic");
        assertThat(tagValues(duration, "gen_ai.response.model")).contains("claude-sonnet-4-20250514", "gpt-4o");

        JsonNode tokens = get("/actuator/metrics/gen_ai.client.token.usage");
        assertThat(statistic(tokens, "TOTAL")).isPositive();
        assertThat(tagValues(tokens, "gen_ai.token.type")).contains("input", "output");

        JsonNode retries = get("/actuator/metrics/arcllm.retry.attempts");
        assertThat(statistic(retries, "COUNT")).as("429, 529 and two 503 retries in the demo").isGreaterThanOrEqualTo(4);
        assertThat(tagValues(retries, "reason")).contains("429", "529", "503");

        JsonNode cost = get("/actuator/metrics/arcllm.usage.cost");
        assertThat(statistic(cost, "COUNT")).isPositive();

        JsonNode health = get("/actuator/health");
        JsonNode anthropic = health.path("components").path("arcllm").path("details").path("providers").path("anthropic");
        assertThat(anthropic.path("apiKeyPresent").asBoolean()).as("arcllm health details: " + health).isTrue();
        assertThat(anthropic.path("lastCall").path("outcome").asString()).isEqualTo("success");
        assertThat(health.toString()).doesNotContain("demo-key");

        String prometheus = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).contains("gen_ai_client_operation_duration_seconds_count");
    }

    private JsonNode get(String path) {
        String answer = client.get().uri(path).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return MAPPER.readTree(answer);
    }

    private static double statistic(JsonNode metric, String name) {
        for (JsonNode m : metric.path("measurements")) {
            if (m.path("statistic").asString().equals(name)) {
                return m.path("value").asDouble();
            }
        }
        throw new AssertionError("no " + name + " in " + metric);
    }

    private static java.util.List<String> tagValues(JsonNode metric, String tag) {
        for (JsonNode t : metric.path("availableTags")) {
            if (t.path("tag").asString().equals(tag)) {
                java.util.List<String> values = new java.util.ArrayList<>();
                t.path("values").forEach(v -> values.add(v.asString()));
                return values;
            }
        }
        return java.util.List.of();
    }

    private JsonNode chat(String body) {
        String answer = client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return MAPPER.readTree(answer);
    }

    private static double retryWaitSecondsAfter(String log, String error) {
        Matcher wait = Pattern.compile("retry attempt \\d+/\\d+ after ([0-9.]+)s: [^\\n]*" + Pattern.quote(error)).matcher(log);
        assertThat(wait.find()).as("a retry line for " + error).isTrue();
        return Double.parseDouble(wait.group(1));
    }
}

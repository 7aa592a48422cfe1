package io.arcllm.autoconfigure;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated {@code META-INF/spring-configuration-metadata.json} gives IDEs a description and default for every key. */
class ConfigurationMetadataTests {

    private static final Map<String, JsonNode> properties = new LinkedHashMap<>();
    private static JsonNode metadata;

    @BeforeAll
    static void readMetadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        metadata.get("properties").forEach(property -> properties.put(property.get("name").asString(), property));
    }

    @Test
    void listsTheModuleAndProviderKeysWithDescriptions() {
        assertThat(properties).containsKeys("arcllm.modules.retry.max-retries", "arcllm.modules.fallback.chain",
                "arcllm.providers", "arcllm.defaults.provider");
        assertThat(properties.get("arcllm.modules.retry.max-retries").get("description").asString())
                .contains("How many times a failed call is repeated");
        assertThat(properties.get("arcllm.modules.fallback.chain").get("description").asString()).contains("at most 10");
        assertThat(properties.get("arcllm.providers").get("description").asString()).contains("Providers by id");
    }

    @Test
    void everyKeyHasADescriptionAndEveryKeyWithAValueByDefaultShowsIt() {
        assertThat(properties.values()).allSatisfy(property ->
                assertThat(property.path("description").asString("")).as(property.get("name").asString()).isNotBlank());
        // Unset is the default of these: the provider's or the model's own value applies (timeout: no deadline).
        properties.keySet().stream()
                .filter(name -> !name.equals("arcllm.defaults.temperature") && !name.equals("arcllm.defaults.max-tokens")
                        && !name.equals("arcllm.providers") && !name.equals("arcllm.defaults.timeout"))
                .forEach(name -> assertThat(properties.get(name).has("defaultValue")).as(name).isTrue());
    }

    @Test
    void theDefaultsShownForTheGlobalModuleSettingsAreTheCoresConstants() {
        assertThat(properties.get("arcllm.modules.retry.max-retries").get("defaultValue").asInt())
                .isEqualTo(io.arcllm.config.RetryConfig.DEFAULT_MAX_RETRIES);
        assertThat(io.arcllm.internal.Durations.format(io.arcllm.config.RetryConfig.DEFAULT_BACKOFF_BASE))
                .isEqualTo(properties.get("arcllm.modules.retry.backoff-base").get("defaultValue").asString());
        assertThat(io.arcllm.internal.Durations.format(io.arcllm.config.RetryConfig.DEFAULT_MAX_WAIT))
                .isEqualTo(properties.get("arcllm.modules.retry.max-wait").get("defaultValue").asString());
        java.util.Set<Integer> codes = new java.util.TreeSet<>();
        properties.get("arcllm.modules.retry.retryable-status-codes").get("defaultValue").forEach(code -> codes.add(code.asInt()));
        assertThat(codes).isEqualTo(new java.util.TreeSet<>(io.arcllm.config.RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES));
        assertThat(properties.get("arcllm.modules.retry.enabled").get("defaultValue").asBoolean())
                .isEqualTo(io.arcllm.config.RetryConfig.KIND.enabledByDefault());
        assertThat(properties.get("arcllm.modules.fallback.enabled").get("defaultValue").asBoolean())
                .isEqualTo(io.arcllm.config.FallbackConfig.KIND.enabledByDefault());
        assertThat(properties.get("arcllm.modules.telemetry.enabled").get("defaultValue").asBoolean())
                .isEqualTo(io.arcllm.config.TelemetryConfig.KIND.enabledByDefault());
    }

    @Test
    void theCircuitBreakerAndRetryBudgetDefaultsShownAreTheCoresConstants() {
        assertThat(properties.get("arcllm.modules.circuit-breaker.enabled").get("defaultValue").asBoolean())
                .isEqualTo(io.arcllm.config.CircuitBreakerConfig.KIND.enabledByDefault());
        assertThat(properties.get("arcllm.modules.circuit-breaker.failure-rate-threshold").get("defaultValue").floatValue())
                .isEqualTo(io.arcllm.config.CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD);
        assertThat(properties.get("arcllm.modules.circuit-breaker.minimum-calls").get("defaultValue").asInt())
                .isEqualTo(io.arcllm.config.CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS);
        assertThat(properties.get("arcllm.modules.circuit-breaker.sliding-window").get("defaultValue").asString())
                .isEqualTo(io.arcllm.internal.Durations.format(io.arcllm.config.CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW));
        assertThat(properties.get("arcllm.modules.circuit-breaker.open-duration").get("defaultValue").asString())
                .isEqualTo(io.arcllm.internal.Durations.format(io.arcllm.config.CircuitBreakerConfig.DEFAULT_OPEN_DURATION));
        assertThat(properties.get("arcllm.modules.circuit-breaker.half-open-calls").get("defaultValue").asInt())
                .isEqualTo(io.arcllm.config.CircuitBreakerConfig.DEFAULT_HALF_OPEN_CALLS);
        assertThat(properties.get("arcllm.modules.retry.budget-ratio").get("defaultValue").asDouble())
                .isEqualTo(io.arcllm.config.RetryConfig.DEFAULT_BUDGET_RATIO);
        assertThat(properties.get("arcllm.modules.retry.min-retries-per-second").get("defaultValue").asInt())
                .isEqualTo(io.arcllm.config.RetryConfig.DEFAULT_MIN_RETRIES_PER_SECOND);
        assertThat(properties.get("arcllm.defaults.timeout").get("description").asString()).contains("Unset: no deadline");
    }

    @Test
    void showsTheDefaultsOfTheGlobalModuleSettings() {
        assertThat(properties.get("arcllm.modules.retry.enabled").get("defaultValue").asBoolean()).isFalse();
        assertThat(properties.get("arcllm.modules.retry.max-retries").get("defaultValue").asInt()).isEqualTo(3);
        assertThat(properties.get("arcllm.modules.retry.backoff-base").get("defaultValue").asString()).isEqualTo("1s");
        assertThat(properties.get("arcllm.modules.retry.max-wait").get("defaultValue").asString()).isEqualTo("60s");
        assertThat(properties.get("arcllm.modules.retry.retryable-status-codes").get("defaultValue").toString())
                .isEqualTo("[429,500,502,503,529]");
        assertThat(properties.get("arcllm.modules.fallback.chain").get("defaultValue").isEmpty()).isTrue();
        assertThat(properties.get("arcllm.modules.fallback.after-retries").get("defaultValue").asBoolean()).isFalse();
        assertThat(properties.get("arcllm.defaults.provider").get("defaultValue").asString()).isEqualTo("anthropic");
    }

    @Test
    void hintsTheBuiltInProviderIds() {
        assertThat(metadata.get("hints").findValuesAsString("value")).contains("anthropic", "openai");
        assertThat(metadata.get("hints").findValuesAsString("name"))
                .contains("arcllm.defaults.provider", "arcllm.providers.keys", "arcllm.modules.fallback.chain");
    }
}

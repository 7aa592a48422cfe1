package io.arcllm.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Each bad configuration fails at startup, and the analyzer names the problem and the fix, never the key. */
class ArcLlmConfigFailureAnalyzerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=" + OPENAI_KEY,
                    "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY);

    private final ArcLlmConfigFailureAnalyzer analyzer = new ArcLlmConfigFailureAnalyzer();

    @Test
    void unknownProviderInTheGlobalChain() {
        FailureAnalysis analysis = analyzeFailure("arcllm.modules.fallback.chain=openai,gemini");
        assertThat(analysis.getDescription()).contains("arcllm.modules.fallback.chain", "unknown provider 'gemini'",
                "anthropic, deepseek, fireworks");
        assertThat(analysis.getAction()).contains("Remove the unknown id from arcllm.modules.fallback.chain",
                "arcllm.providers.<id>");
    }

    @Test
    void unknownProviderInAProviderChain() {
        FailureAnalysis analysis = analyzeFailure("arcllm.providers.anthropic.modules.fallback.chain=cohere");
        assertThat(analysis.getDescription()).contains("arcllm.providers.anthropic.modules.fallback.chain",
                "unknown provider 'cohere'");
        assertThat(analysis.getAction()).contains("Remove the unknown id");
    }

    @Test
    void chainLongerThanTen() {
        FailureAnalysis analysis = analyzeFailure("arcllm.modules.fallback.chain=" + String.join(",", List.of(
                "openai", "openai", "openai", "openai", "openai", "openai", "openai", "openai", "openai", "openai", "openai")));
        assertThat(analysis.getDescription()).contains("arcllm.modules.fallback.chain must have at most 10 providers, had 11");
        assertThat(analysis.getAction()).contains("at most 10 provider ids");
    }

    @ParameterizedTest
    @CsvSource({"arcllm.modules.retry.max-retries", "arcllm.providers.anthropic.modules.retry.max-retries"})
    void negativeMaxRetries(String property) {
        FailureAnalysis analysis = analyzeFailure(property + "=-1");
        assertThat(analysis.getDescription()).contains(property + " must be >= 0, was -1");
        assertThat(analysis.getAction()).isEqualTo("Set " + property + " to 0 (no retries) or more.");
    }

    @ParameterizedTest
    @CsvSource({"arcllm.modules.retry.backoff-base, 0s", "arcllm.modules.retry.max-wait, -1s",
            "arcllm.providers.anthropic.modules.retry.backoff-base, 0ms", "arcllm.providers.openai.connect-timeout, 0s",
            "arcllm.providers.anthropic.read-timeout, -5s", "arcllm.providers.anthropic.stream-first-event-timeout, 0s",
            "arcllm.providers.openai.stream-idle-timeout, -1s"})
    void nonPositiveDurations(String property, String value) {
        FailureAnalysis analysis = analyzeFailure(property + "=" + value);
        assertThat(analysis.getDescription()).contains(property + " must be > 0");
        assertThat(analysis.getAction()).contains("Set " + property + " to a positive duration");
    }

    @Test
    void plainHttpBaseUrlForANonLoopbackHost() {
        FailureAnalysis analysis = analyzeFailure("arcllm.providers.openai.base-url=http://llm.internal.example.com");
        assertThat(analysis.getDescription()).contains("arcllm.providers.openai.base-url uses http://",
                "llm.internal.example.com");
        assertThat(analysis.getAction()).contains("Use an https:// URL for arcllm.providers.openai.base-url", "localhost");
    }

    @Test
    void defaultProviderWithoutAnApiKey() {
        FailureAnalysis analysis = analyze(new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
                .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=" + OPENAI_KEY));
        assertThat(analysis.getDescription()).contains("ANTHROPIC_API_KEY", "arcllm.providers.anthropic.api-key",
                "default provider");
        assertThat(analysis.getAction()).contains("Set the environment variable named above",
                "arcllm.providers.anthropic.api-key", "arcllm.defaults.provider");
    }

    @Test
    void unknownDefaultProvider() {
        FailureAnalysis analysis = analyzeFailure("arcllm.defaults.provider=gemini");
        assertThat(analysis.getDescription()).contains("arcllm.defaults.provider names unknown provider 'gemini'",
                "anthropic, deepseek, fireworks");
        assertThat(analysis.getAction()).contains("Set arcllm.defaults.provider to one of the known providers");
    }

    @Test
    void newProviderWithoutType() {
        FailureAnalysis analysis = analyzeFailure("arcllm.providers.cerebras.base-url=https://api.cerebras.ai");
        assertThat(analysis.getDescription()).contains("arcllm.providers.cerebras.type is required");
        assertThat(analysis.getAction()).contains("Set arcllm.providers.cerebras.type to anthropic or openai");
    }

    @Test
    void negativeDefaultTemperature() {
        FailureAnalysis analysis = analyzeFailure("arcllm.defaults.temperature=-0.5");
        assertThat(analysis.getDescription()).contains("arcllm.defaults.temperature must be >= 0, was -0.5");
        assertThat(analysis.getAction()).contains("Set arcllm.defaults.temperature to 0 or more");
    }

    @Test
    void theApiKeyIsNeverPartOfTheFailure() {
        runner.withPropertyValues("arcllm.providers.anthropic.base-url=http://api.example.com").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
            StringWriter trace = new StringWriter();
            context.getStartupFailure().printStackTrace(new PrintWriter(trace));
            assertThat(analysis.getDescription() + analysis.getAction() + trace)
                    .contains("base-url").doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY);
        });
    }

    @Test
    void isRegisteredAsAFailureAnalyzer() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, (type, name, failure) -> { }); // other analyzers need constructor arguments
        assertThat(analyzers).hasAtLeastOneElementOfType(ArcLlmConfigFailureAnalyzer.class);
    }

    private FailureAnalysis analyzeFailure(String property) {
        return analyze(runner.withPropertyValues(property));
    }

    private FailureAnalysis analyze(ApplicationContextRunner failing) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        failing.run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = analyzer.analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).as("analysis").isNotNull();
        assertThat(analysis[0].getDescription()).startsWith("Invalid ArcLLM configuration: ")
                .doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY);
        assertThat(analysis[0].getAction()).doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY);
        return analysis[0];
    }
}

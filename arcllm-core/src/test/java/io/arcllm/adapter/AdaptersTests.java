package io.arcllm.adapter;

import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.OpenAiAdapter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

class AdaptersTests {

    private static final Function<String, String> NO_ENV = name -> null;

    private static ProviderSettings settings(String id, ApiFormat format, String keyEnv, String model) {
        return ProviderSettings.builder(id, format).baseUrl("https://api.example.com").apiKeyEnv(keyEnv)
                .defaultModel(model).build();
    }

    @Test
    void createsTheAdapterOfTheSettingsFormatWithTheKeyFromTheEnvironmentFunction() {
        Function<String, String> env = Map.of("ANTHROPIC_API_KEY", "sk-ant", "OPENAI_API_KEY", "sk-oai")::get;

        try (LlmProvider anthropic = Adapters.create(settings("anthropic", ApiFormat.ANTHROPIC, "ANTHROPIC_API_KEY", "claude-x"),
                null, WebClient.builder(), env);
             LlmProvider groq = Adapters.create(settings("groq", ApiFormat.OPENAI, "OPENAI_API_KEY", "llama"),
                     "llama-big", WebClient.builder(), env)) {
            assertThat(anthropic).isInstanceOf(AnthropicAdapter.class);
            assertThat(anthropic.name()).isEqualTo("anthropic");
            assertThat(anthropic.modelName()).isEqualTo("claude-x");
            assertThat(groq).isInstanceOf(OpenAiAdapter.class);
            assertThat(groq.name()).isEqualTo("groq");
            assertThat(groq.modelName()).isEqualTo("llama-big");
        }
    }

    @Test
    void blankModelMeansTheDefaultModel() {
        ProviderSettings settings = settings("openai", ApiFormat.OPENAI, "OPENAI_API_KEY", "gpt-4o").toBuilder()
                .apiKey("sk-explicit").build();

        try (LlmProvider provider = Adapters.create(settings, " ", WebClient.builder(), NO_ENV)) {
            assertThat(provider.modelName()).isEqualTo("gpt-4o");
        }
    }

    @Test
    void missingKeyFailsNamingTheEnvironmentVariable() {
        ProviderSettings settings = settings("anthropic", ApiFormat.ANTHROPIC, "ANTHROPIC_API_KEY", "claude-x");

        assertThatThrownBy(() -> Adapters.create(settings, null, WebClient.builder(), NO_ENV))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("anthropic");
    }

    @Test
    void explicitKeyWinsOverTheEnvironment() {
        ProviderSettings settings = settings("anthropic", ApiFormat.ANTHROPIC, "ANTHROPIC_API_KEY", "claude-x").toBuilder()
                .apiKey("sk-explicit").build();
        Function<String, String> env = name -> {
            throw new AssertionError("the environment must not be read when a key is configured, asked for " + name);
        };

        try (LlmProvider provider = Adapters.create(settings, null, WebClient.builder(), env)) {
            assertThat(provider.validateConfig()).isTrue();
        }
    }
}

package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import io.arcllm.config.LoadOptions;
import io.arcllm.module.FakeAdapters;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@link LlmProvider#call} throws what {@code invoke} signals, the same instance with nothing added. */
class BlockingCallTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    @Test
    void afterAFailedFallbackChainCallThrowsThePrimaryErrorWithExactlyTheFallbackErrorsSuppressed() {
        ArcLlmApiException primary = new ArcLlmApiException(503, "{}", "anthropic");
        ArcLlmApiException openai = new ArcLlmApiException(500, "{}", "openai");
        ArcLlmApiException local = new ArcLlmApiException(502, "{}", "local");
        FakeAdapters adapters = new FakeAdapters().script("anthropic", primary).script("openai", openai)
                .script("local", local);
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                .catalog(io.arcllm.config.ProviderCatalog.builtIn().with(io.arcllm.config.ProviderSettings
                        .builder("local", io.arcllm.config.ApiFormat.OPENAI).baseUrl("http://localhost:1")
                        .apiKeyEnv("LOCAL_API_KEY").defaultModel("m").build()))
                .build();
        LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().fallback(f -> f.chain("openai", "local")).build());

        Throwable thrown = catchThrowable(() -> model.call(REQUEST));

        assertThat(thrown).isSameAs(primary);
        assertThat(thrown.getSuppressed()).containsExactly(openai, local);
    }

    @Test
    void aPlainErrorIsThrownAsTheSameInstanceWithNoSuppressedMarker() {
        IllegalStateException error = new IllegalStateException("boom");
        LlmProvider provider = new LlmProvider() {
            public String name() {
                return "x";
            }

            public String modelName() {
                return "m";
            }

            public Mono<LlmResponse> invoke(LlmRequest request) {
                return Mono.error(error);
            }
        };

        Throwable thrown = catchThrowable(() -> provider.call(REQUEST));

        assertThat(thrown).isSameAs(error);
        assertThat(thrown.getSuppressed()).isEmpty();
    }
}

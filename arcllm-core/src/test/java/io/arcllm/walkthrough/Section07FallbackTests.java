package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.FallbackConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.ProviderLoader;
import org.junit.jupiter.api.Test;

/** Walkthrough §7: on failure the fallback module walks a chain of providers loaded on demand. */
class Section07FallbackTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));
    private static final LlmResponse FROM_OPENAI = new LlmResponse("Fallback response from OpenAI!",
            new Usage(10, 5, 15), "gpt-4o", StopReason.END_TURN);

    private final VirtualTime time = new VirtualTime();

    /** The walkthrough's patched {@code load_model}: hands out the given providers, recording what was asked. */
    private static final class Loader implements ProviderLoader {
        final List<String> loaded = Collections.synchronizedList(new ArrayList<>());
        final Map<String, LlmProvider> providers;

        Loader(Map<String, LlmProvider> providers) {
            this.providers = providers;
        }

        @Override
        public LlmProvider load(String providerId, Set<String> excludedModules) {
            loaded.add(providerId);
            LlmProvider provider = providers.get(providerId);
            if (provider == null) {
                throw new AssertionError("unexpected load of " + providerId);
            }
            return provider;
        }
    }

    private static FallbackModule fallback(List<String> chain, LlmProvider primary, ProviderLoader loader) {
        return new FallbackModule(FallbackConfig.builder().chain(chain).build(), primary, loader);
    }

    @Test
    void primarySuccessNeverTouchesTheChain() {
        Loader loader = new Loader(Map.of());

        assertThat(time.await(fallback(List.of("openai"), FakeProvider.scripted(OK), loader).invoke(MESSAGES)))
                .isSameAs(OK);
        assertThat(loader.loaded).isEmpty();
    }

    @Test
    void primaryFailureFallsBackToTheFirstChainEntry() {
        FakeProvider openai = FakeProvider.scripted("openai", FROM_OPENAI);
        Loader loader = new Loader(Map.of("openai", openai));
        FakeProvider primary = FakeProvider.scripted("anthropic", apiError(500));

        LlmResponse response = time.await(fallback(List.of("openai"), primary, loader).invoke(MESSAGES));

        assertThat(response.content()).isEqualTo("Fallback response from OpenAI!");
        assertThat(response.model()).isEqualTo("gpt-4o");
        assertThat(loader.loaded).containsExactly("openai");
        assertThat(openai.requests()).singleElement().satisfies(r -> assertThat(r.messages()).isEqualTo(MESSAGES));
    }

    @Test
    void firstFallbackFailingMovesOnToTheSecond() {
        LlmResponse charm = new LlmResponse("Third time's the charm!", new Usage(10, 5, 15), "ollama-local",
                StopReason.END_TURN);
        Loader loader = new Loader(Map.of("openai", FakeProvider.scripted("openai", apiError(503)),
                "ollama", FakeProvider.scripted("ollama", charm)));

        LlmResponse response = time.await(fallback(List.of("openai", "ollama"),
                FakeProvider.scripted("anthropic", apiError(500)), loader).invoke(MESSAGES));

        assertThat(response.content()).isEqualTo("Third time's the charm!");
        assertThat(loader.loaded).containsExactly("openai", "ollama");
    }

    @Test
    void whenAllFallbacksFailThePrimaryErrorIsSignalledWithTheOthersSuppressed() {
        ArcLlmApiException primaryError = new ArcLlmApiException(500, "primary broke", "anthropic");
        ArcLlmApiException openaiError = new ArcLlmApiException(503, "HTTP 503", "openai");
        Loader loader = new Loader(Map.of("openai", FakeProvider.scripted("openai", openaiError)));

        Throwable error = time.awaitError(fallback(List.of("openai"),
                FakeProvider.scripted("anthropic", primaryError), loader).invoke(MESSAGES));

        assertThat(error).isSameAs(primaryError);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(500);
        assertThat(((ArcLlmApiException) error).provider()).isEqualTo("anthropic");
        assertThat(((ArcLlmApiException) error).body()).isEqualTo("primary broke");
        assertThat(error.getSuppressed()).containsExactly(openaiError);
    }

    @Test
    void anEmptyChainPassesTheErrorThrough() {
        ArcLlmApiException primaryError = apiError(500);
        Loader loader = new Loader(Map.of());

        assertThat(time.awaitError(fallback(List.of(), FakeProvider.scripted(primaryError), loader).invoke(MESSAGES)))
                .isSameAs(primaryError);
        assertThat(loader.loaded).isEmpty();
        assertThat(primaryError.getSuppressed()).isEmpty();
    }

    @Test
    void aChainOfElevenIsRejected() {
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "p" + i).toList();

        assertThatThrownBy(() -> FallbackConfig.builder().chain(eleven).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageStartingWith("chain must have at most 10 providers, had 11");
    }

    @Test
    void aChainOfTenIsAllowed() {
        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "p" + i).toList();

        FallbackModule module = fallback(ten, FakeProvider.scripted(OK), new Loader(Map.of()));

        assertThat(module.config().chain()).hasSize(10);
    }

    @Test
    void aChainEntryEqualToThePrimaryIsSkipped() {
        FakeProvider openai = FakeProvider.scripted("openai", FROM_OPENAI);
        Loader loader = new Loader(Map.of("openai", openai));

        LlmResponse response = time.await(fallback(List.of("anthropic", "openai"),
                FakeProvider.scripted("anthropic", apiError(500)), loader).invoke(MESSAGES));

        assertThat(response).isSameAs(FROM_OPENAI);
        assertThat(loader.loaded).containsExactly("openai");
    }

    @Test
    void aFallbackThatCannotBeLoadedCountsAsFailedAndTheNextOneIsTried() {
        ArcLlmConfigException noKey = new ArcLlmConfigException("no API key for provider 'openai'");
        List<String> asked = new ArrayList<>();
        ProviderLoader loader = (id, excluded) -> {
            asked.add(id);
            if (id.equals("openai")) {
                throw noKey;
            }
            return FakeProvider.scripted(id, OK);
        };
        ArcLlmApiException primaryError = apiError(500);

        assertThat(time.await(fallback(List.of("openai", "ollama"), FakeProvider.scripted(primaryError), loader)
                .invoke(MESSAGES))).isSameAs(OK);
        assertThat(asked).containsExactly("openai", "ollama");

        ArcLlmApiException again = apiError(500);
        Throwable error = time.awaitError(fallback(List.of("openai"), FakeProvider.scripted(again), loader)
                .invoke(MESSAGES));
        assertThat(error).isSameAs(again);
        assertThat(error.getSuppressed()).containsExactly(noKey);
    }

    @Test
    void anyExceptionFromThePrimaryTriggersTheChain() {
        Loader loader = new Loader(Map.of("openai", FakeProvider.scripted("openai", FROM_OPENAI)));

        assertThat(time.await(fallback(List.of("openai"),
                FakeProvider.scripted(new IllegalStateException("adapter bug")), loader).invoke(MESSAGES)))
                .isSameAs(FROM_OPENAI);
    }

    @Test
    void fallbacksAreLoadedWithoutNestedFallbackAndWithoutRetryByDefault() {
        List<Set<String>> exclusions = new ArrayList<>();
        ProviderLoader loader = (id, excluded) -> {
            exclusions.add(excluded);
            return FakeProvider.scripted(id, OK);
        };

        time.await(fallback(List.of("openai"), FakeProvider.scripted(apiError(500)), loader).invoke(MESSAGES));
        time.await(new FallbackModule(FallbackConfig.builder().chain("openai").afterRetries(true).build(),
                FakeProvider.scripted(apiError(500)), loader).invoke(MESSAGES));

        assertThat(exclusions).containsExactly(Set.of("retry", "fallback"), Set.of("fallback"));
    }
}

package io.arcllm.module;

import io.arcllm.module.internal.FallbackModule;
import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Fallback behaviour beyond the walkthrough: errors it must not handle, odd providers, exclusions. */
class FallbackModuleTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));
    private static final FallbackConfig TO_OPENAI = FallbackConfig.builder().chain("openai").build();

    @Test
    void anErrorIsNotAReasonToFallBack() {
        AssertionError error = new AssertionError("jvm trouble");
        AtomicInteger loads = new AtomicInteger();
        FallbackModule module = new FallbackModule(TO_OPENAI,
                FakeProvider.answering("anthropic", request -> Mono.error(error)), (id, excluded) -> {
                    loads.incrementAndGet();
                    return FakeProvider.scripted(id, OK);
                });

        StepVerifier.create(module.invoke(REQUEST)).verifyErrorSatisfies(e -> assertThat(e).isSameAs(error));
        assertThat(loads).hasValue(0);
    }

    @Test
    void aPrimaryThatThrowsInsteadOfSignallingStillFallsBack() {
        LlmProvider throwing = FakeProvider.answering("anthropic", request -> {
            throw new IllegalStateException("threw in invoke");
        });
        FallbackModule module = new FallbackModule(TO_OPENAI, throwing, (id, excluded) -> FakeProvider.scripted(id, OK));

        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
    }

    @Test
    void aFallbackThatThrowsInsteadOfSignallingIsClosedAndCounted() {
        FakeProvider openai = FakeProvider.answering("openai", request -> {
            throw new IllegalStateException("threw in invoke");
        });
        ArcLlmApiException primary = apiError(500);
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted(primary), (id, excluded) -> openai);

        StepVerifier.create(module.invoke(REQUEST)).verifyErrorSatisfies(error -> {
            assertThat(error).isSameAs(primary);
            assertThat(error.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
        });
        assertThat(openai.closes()).isEqualTo(1);
    }

    @Test
    void aFallbackFailingWithThePrimarysOwnErrorInstanceIsNotSuppressedIntoItself() {
        ArcLlmApiException shared = apiError(500);
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted(shared),
                (id, excluded) -> FakeProvider.scripted(id, shared));

        StepVerifier.create(module.invoke(REQUEST)).verifyErrorSatisfies(error -> {
            assertThat(error).isSameAs(shared);
            assertThat(error.getSuppressed()).isEmpty();
        });
    }

    @Test
    void theFallbackModuleIsAlwaysExcludedWhenLoadingFallbacks() {
        java.util.List<Set<String>> asked = new java.util.ArrayList<>();
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted(apiError(500)), (id, excluded) -> {
            asked.add(excluded);
            return FakeProvider.scripted(id, OK);
        }, Set.of());

        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
        assertThat(asked).containsExactly(Set.of("fallback"));
    }

    @Test
    void aSuccessfulFallbackAnswerIsReturnedAsIs() {
        LlmResponse answer = new LlmResponse("hello", OK.usage(), "gpt-4o", OK.stopReason());
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted(apiError(503)),
                (id, excluded) -> FakeProvider.scripted(id, answer));

        assertThat(module.invoke(REQUEST).block()).isSameAs(answer);
    }
}

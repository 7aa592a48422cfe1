package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Walkthrough §8: fallback providers are closed after each use, whatever happened. */
class Section08FallbackCleanupTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));
    private static final FallbackConfig TO_OPENAI = FallbackConfig.builder().chain("openai").build();

    private final VirtualTime time = new VirtualTime();

    @Test
    void aFallbackIsClosedAfterItSucceeds() {
        FakeProvider primary = FakeProvider.scripted("anthropic", apiError(500));
        FakeProvider openai = FakeProvider.scripted("openai", OK);

        time.await(new FallbackModule(TO_OPENAI, primary, (id, excluded) -> openai).invoke(MESSAGES));

        assertThat(openai.closes()).isEqualTo(1);
        assertThat(primary.closes()).as("the primary stays open: its owner closes it").isZero();
    }

    @Test
    void aFallbackIsClosedAfterItFails() {
        FakeProvider openai = FakeProvider.scripted("openai", apiError(503));

        time.awaitError(new FallbackModule(TO_OPENAI, FakeProvider.scripted("anthropic", apiError(500)),
                (id, excluded) -> openai).invoke(MESSAGES));

        assertThat(openai.closes()).isEqualTo(1);
    }

    @Test
    void aFallbackIsClosedWhenTheCallerCancels() {
        FakeProvider openai = FakeProvider.answering("openai", request -> Mono.never());
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted("anthropic", apiError(500)),
                (id, excluded) -> openai);

        Disposable call = module.invoke(MESSAGES).subscribe();
        assertThat(openai.invocations()).isEqualTo(1);
        assertThat(openai.closes()).isZero();
        call.dispose();

        assertThat(openai.closes()).isEqualTo(1);
    }

    @Test
    void aFallbackIsClosedWhenATimeoutAroundTheCallFires() {
        FakeProvider openai = FakeProvider.answering("openai", request -> Mono.never());
        FallbackModule module = new FallbackModule(TO_OPENAI, FakeProvider.scripted("anthropic", apiError(500)),
                (id, excluded) -> openai);

        StepVerifier.withVirtualTime(() -> module.invoke(MESSAGES).timeout(Duration.ofSeconds(30)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(30))
                .verifyError(java.util.concurrent.TimeoutException.class);

        assertThat(openai.closes()).isEqualTo(1);
    }

    @Test
    void eachUseLoadsAndClosesItsOwnFallback() {
        FakeProvider first = FakeProvider.scripted("openai", OK);
        FakeProvider second = FakeProvider.scripted("openai", OK);
        List<FakeProvider> handedOut = new java.util.ArrayList<>(List.of(first, second));
        FallbackModule module = new FallbackModule(TO_OPENAI,
                FakeProvider.scripted("anthropic", apiError(500), apiError(500)), (id, excluded) -> handedOut.remove(0));

        time.await(module.invoke(MESSAGES));
        time.await(module.invoke(MESSAGES));

        assertThat(first.closes()).isEqualTo(1);
        assertThat(second.closes()).isEqualTo(1);
    }
}

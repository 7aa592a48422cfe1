package io.arcllm.module;

import io.arcllm.module.internal.ErrorTypes;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.ProviderLoader;
import io.arcllm.module.internal.RetryModule;
import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** What retry and fallback modules tell their {@link ModuleListener}, and that a listener can never break a call. */
class ModuleListenerTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));
    private static final FallbackConfig TO_OPENAI = FallbackConfig.builder().chain("openai").build();

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void eachRetryIsToldWithItsNumberReasonDelayAndTheCallersContextBeforeTheWait() {
        ArcLlmApiException limited = new ArcLlmApiException(429, "", "anthropic", Duration.ofSeconds(7));
        ArcLlmTimeoutException slow = new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), null);
        RetryModule retry = new RetryModule(RetryConfig.defaults(), FakeProvider.scripted("anthropic", limited, slow, OK),
                time, JitterSource.none(), listener);

        StepVerifier.create(retry.invoke(REQUEST).contextWrite(c -> c.put("call", "c-1")))
                .then(() -> assertThat(listener.retries()).as("told before waiting").hasSize(1))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(7)))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(2)))
                .expectNext(OK)
                .verifyComplete();

        assertThat(listener.retries()).extracting(ModuleListener.RetryEvent::provider, ModuleListener.RetryEvent::attempt,
                        ModuleListener.RetryEvent::reason, ModuleListener.RetryEvent::delay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", 1, "429", Duration.ofSeconds(7)),
                        org.assertj.core.groups.Tuple.tuple("anthropic", 2, "timeout", Duration.ofSeconds(2)));
        assertThat(listener.retries().get(0).error()).isSameAs(limited);
        assertThat(listener.retries()).allSatisfy(event -> assertThat(event.context().<String>get("call")).isEqualTo("c-1"));
    }

    @Test
    void nothingIsToldForASuccessANonRetryableErrorOrGivingUp() {
        RetryConfig oneRetry = RetryConfig.builder().maxRetries(1).build();
        new RetryModule(oneRetry, FakeProvider.scripted(OK), time, JitterSource.none(), listener).invoke(REQUEST).block();
        StepVerifier.create(new RetryModule(oneRetry, FakeProvider.scripted(apiError(400)), time, JitterSource.none(),
                listener).invoke(REQUEST)).verifyError(ArcLlmApiException.class);
        StepVerifier.create(new RetryModule(oneRetry, FakeProvider.scripted(apiError(503), apiError(503)), time,
                        JitterSource.none(), listener).invoke(REQUEST))
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(1)))
                .verifyError(ArcLlmApiException.class);

        assertThat(listener.retries()).as("only the one retry of the 503").singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo("503"));
    }

    @Test
    void eachFallbackTriedIsToldOnceItAnsweredOrFailedIncludingOneThatCouldNotBeLoaded() {
        FallbackConfig chain = FallbackConfig.builder().chain("openai", "mistral", "ollama").build();
        ArcLlmConfigException noKey = new ArcLlmConfigException("no API key for provider 'openai'");
        ArcLlmApiException mistralDown = new ArcLlmApiException(502, "", "mistral");
        ProviderLoader loader = (id, excluded) -> switch (id) {
            case "openai" -> throw noKey;
            case "mistral" -> FakeProvider.scripted(id, mistralDown);
            default -> FakeProvider.scripted(id, OK);
        };
        ArcLlmApiException anthropicDown = apiError(500);
        FallbackModule fallback = new FallbackModule(chain, FakeProvider.scripted("anthropic", anthropicDown), loader,
                Set.of(), listener);

        StepVerifier.create(fallback.invoke(REQUEST).contextWrite(c -> c.put("call", "c-2")))
                .expectNext(OK)
                .verifyComplete();

        assertThat(listener.fallbacks()).extracting(ModuleListener.FallbackEvent::from, ModuleListener.FallbackEvent::to,
                        ModuleListener.FallbackEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", "openai", ModuleListener.Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("anthropic", "mistral", ModuleListener.Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("anthropic", "ollama", ModuleListener.Outcome.SUCCESS));
        assertThat(listener.fallbacks()).extracting(ModuleListener.FallbackEvent::error)
                .containsExactly(noKey, mistralDown, null);
        assertThat(listener.fallbacks()).extracting(ModuleListener.FallbackEvent::fromError)
                .as("why the chain was walked").containsOnly(anthropicDown);
        assertThat(listener.fallbacks()).allSatisfy(event -> assertThat(event.context().<String>get("call")).isEqualTo("c-2"));
    }

    @Test
    void aPrimaryThatAnswersTellsNoFallback() {
        new FallbackModule(TO_OPENAI, FakeProvider.scripted("anthropic", OK), (id, excluded) -> FakeProvider.scripted(id, OK),
                Set.of(), listener).invoke(REQUEST).block();

        assertThat(listener.fallbacks()).isEmpty();
    }

    @Test
    void aThrowingListenerChangesNeitherTheAnswerNorTheErrorAndTheOthersStillHear() {
        ModuleListener throwing = new ModuleListener() {
            @Override
            public void onRetry(RetryEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFallback(FallbackEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        ModuleListener both = ModuleListener.composite(throwing, listener);
        ArcLlmApiException primaryError = apiError(500);
        FallbackModule fallback = new FallbackModule(TO_OPENAI, FakeProvider.scripted("anthropic", primaryError),
                (id, excluded) -> FakeProvider.scripted(id, apiError(503)), Set.of(), both);
        RetryModule retry = new RetryModule(RetryConfig.defaults(), FakeProvider.scripted("anthropic", apiError(529), OK),
                time, JitterSource.none(), both);

        StepVerifier.create(fallback.invoke(REQUEST)).expectErrorSatisfies(e -> assertThat(e).isSameAs(primaryError)).verify();
        StepVerifier.create(retry.invoke(REQUEST))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(OK)
                .verifyComplete();
        assertThat(listener.fallbacks()).hasSize(1);
        assertThat(listener.retries()).hasSize(1);
    }

    @Test
    void compositeTellsInOrderAndLeavesOutNullsAndNone() {
        List<String> heard = new ArrayList<>();
        ModuleListener first = new ModuleListener() {
            @Override
            public void onCall(CallEvent event) {
                heard.add("first");
            }
        };
        ModuleListener second = new ModuleListener() {
            @Override
            public void onCall(CallEvent event) {
                heard.add("second");
            }
        };

        ModuleListener.composite(first, null, ModuleListener.NONE, second)
                .onCall(new ModuleListener.CallEvent("anthropic", "anthropic", "m", null, Duration.ZERO));

        assertThat(heard).containsExactly("first", "second");
        assertThat(ModuleListener.composite(null, ModuleListener.NONE)).isSameAs(ModuleListener.NONE);
    }

    @Test
    void errorTypesAreLowCardinalityNamesNeverMessages() {
        assertThat(ErrorTypes.of(null)).isEqualTo("none");
        assertThat(ErrorTypes.of(new ArcLlmApiException(529, "secret body", "anthropic"))).isEqualTo("529");
        assertThat(ErrorTypes.of(new ArcLlmTimeoutException("openai", "connect", Duration.ofSeconds(10), null)))
                .isEqualTo("timeout");
        assertThat(ErrorTypes.of(new ArcLlmTransportException("openai", new IOException("reset")))).isEqualTo("transport");
        assertThat(ErrorTypes.of(new ArcLlmParseException("{", null))).isEqualTo("ArcLlmParseException");
        assertThat(ErrorTypes.of(new IllegalStateException("boom"))).isEqualTo("IllegalStateException");
    }
}

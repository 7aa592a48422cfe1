package io.arcllm.module;

import io.arcllm.module.internal.FallbackModule;
import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** {@code FallbackConfig.on}: which errors switch to the chain; the others reach the caller unchanged. */
class FallbackTriggerTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    private final AtomicInteger loads = new AtomicInteger();

    private FallbackModule module(Throwable primaryError, String... on) {
        FallbackConfig.Builder config = FallbackConfig.builder().chain("openai");
        if (on.length > 0) {
            config.on(on);
        }
        return new FallbackModule(config.build(), FakeProvider.scripted("anthropic", primaryError), (id, excluded) -> {
            loads.incrementAndGet();
            return FakeProvider.scripted(id, OK);
        });
    }

    private void fallsBack(FallbackModule module) {
        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
        assertThat(loads).hasValue(1);
    }

    private void passesThrough(FallbackModule module, Throwable primaryError) {
        StepVerifier.create(module.invoke(REQUEST)).verifyErrorSatisfies(error -> assertThat(error).isSameAs(primaryError));
        assertThat(loads).hasValue(0);
    }

    @Test
    void byDefaultEveryErrorFallsBackEvenACallersOwn400() {
        fallsBack(module(apiError(400)));
    }

    @Test
    void explicitAnyFallsBackOnEveryError() {
        fallsBack(module(apiError(400), "any"));
    }

    @Test
    void aListedStatusFallsBack() {
        fallsBack(module(apiError(503), "503", "transport"));
    }

    @Test
    void anUnlistedStatusReachesTheCallerWithoutTryingTheChain() {
        var badRequest = apiError(400);
        passesThrough(module(badRequest, "429", "500", "503", "transport", "timeout"), badRequest);
    }

    @Test
    void transportFallsBackOnConnectionFailuresButNotOnTimeouts() {
        fallsBack(module(new ArcLlmTransportException("anthropic", new IOException("connection refused")), "transport"));
        loads.set(0);
        var timeout = new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), new IOException("slow"));
        passesThrough(module(timeout, "transport"), timeout);
    }

    @Test
    void timeoutFallsBackOnTimeoutsButNotOnConnectionFailures() {
        fallsBack(module(new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), new IOException("slow")), "timeout"));
        loads.set(0);
        var refused = new ArcLlmTransportException("anthropic", new IOException("connection refused"));
        passesThrough(module(refused, "timeout"), refused);
    }

    @Test
    void anUnknownTriggerIsRejectedNamingTheProperty() {
        assertThatThrownBy(() -> FallbackConfig.builder().on("503", "bad-request").build())
                .isInstanceOfSatisfying(ArcLlmConfigException.class, e -> assertThat(e.property()).hasValue("on"))
                .hasMessageStartingWith("on must hold any, transport, timeout or HTTP status codes (100-599), was 'bad-request'");
        assertThatThrownBy(() -> FallbackConfig.builder().on("600").build()).isInstanceOf(ArcLlmConfigException.class);
        assertThatThrownBy(() -> FallbackConfig.builder().on(List.of()).build()).isInstanceOf(ArcLlmConfigException.class);
    }
}

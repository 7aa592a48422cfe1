package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/** Walkthrough §1: a module is an {@link LlmProvider} that wraps one, and modules stack. */
class Section01ModulePatternTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    @Test
    void baseModuleIsAProviderThatDelegatesNameModelAndValidation() {
        FakeProvider inner = FakeProvider.scripted(OK);
        BaseModule module = new BaseModule(inner) { };

        assertThat(module).isInstanceOf(LlmProvider.class);
        assertThat(module.name()).isEqualTo("test-provider");
        assertThat(module.modelName()).isEqualTo("test-model");
        assertThat(module.validateConfig()).isTrue();
        assertThat(module.inner()).isSameAs(inner);
    }

    @Test
    void baseModuleValidateConfigReportsTheInnerProvidersAnswer() {
        LlmProvider invalid = new FakeProviderThatIsInvalid();

        assertThat(new BaseModule(invalid) { }.validateConfig()).isFalse();
    }

    @Test
    void baseModulePassesInvokeThroughUnchangedAndCallsInnerOnce() {
        FakeProvider inner = FakeProvider.scripted(OK);
        BaseModule module = new BaseModule(inner) { };

        assertThat(module.invoke(MESSAGES).block()).isSameAs(OK);
        assertThat(inner.invocations()).isEqualTo(1);
        assertThat(inner.requests().get(0).messages()).isEqualTo(MESSAGES);
    }

    @Test
    void closingAModuleClosesTheProviderItWraps() {
        FakeProvider inner = FakeProvider.scripted();
        new BaseModule(inner) { }.close();

        assertThat(inner.closes()).isEqualTo(1);
    }

    @Test
    void modulesStackRetryOverFallbackOverInner() {
        FakeProvider inner = FakeProvider.scripted(OK);
        FallbackModule fallback = new FallbackModule(FallbackConfig.defaults(), inner, (id, excluded) -> {
            throw new AssertionError("no fallback expected");
        });
        RetryModule retry = new RetryModule(RetryConfig.defaults(), fallback);

        assertThat(retry.inner()).isSameAs(fallback);
        assertThat(fallback.inner()).isSameAs(inner);
        assertThat(List.<LlmProvider>of(retry, fallback, inner)).allMatch(LlmProvider.class::isInstance);
        assertThat(retry.toString()).isEqualTo("RetryModule -> FallbackModule -> FakeProvider");
        assertThat(retry.invoke(MESSAGES).block()).isSameAs(OK);
        assertThat(retry.name()).isEqualTo("test-provider");
    }

    private static final class FakeProviderThatIsInvalid implements LlmProvider {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String modelName() {
            return "none";
        }

        @Override
        public reactor.core.publisher.Mono<io.arcllm.LlmResponse> invoke(io.arcllm.LlmRequest request) {
            return reactor.core.publisher.Mono.empty();
        }

        @Override
        public boolean validateConfig() {
            return false;
        }
    }
}

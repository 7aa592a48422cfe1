package io.arcllm.test.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which providers the annotation stubs, and what it does to a context before and after it runs. */
class ArcLlmStubsContextCustomizerTests {

    @Test
    void stubsTheDefaultProviderTheConfiguredOnesAndEveryChain() {
        StandardEnvironment environment = environment(Map.of(
                "arcllm.defaults.provider", "local",
                "arcllm.providers.local.type", "openai",
                "arcllm.providers.local.base-url", "http://localhost:11434",
                "arcllm.providers.local.modules.fallback.chain", "backup",
                "arcllm.modules.fallback.chain[0]", "openai"));

        assertThat(ArcLlmStubsContextCustomizer.configuredIds(environment)).contains("local", "backup", "openai");
    }

    @Test
    void defaultProviderIsAnthropicWhenUnset() {
        assertThat(ArcLlmStubsContextCustomizer.configuredIds(environment(Map.of()))).contains("anthropic");
    }

    @Test
    void stubsABuiltInProviderWhoseKeyIsInTheEnvironmentSoNoTestReachesTheRealApi() {
        StandardEnvironment environment = environment(Map.of("OPENAI_API_KEY", "sk-real-key-on-a-laptop"));

        assertThat(ArcLlmStubsContextCustomizer.configuredIds(environment)).contains("anthropic", "openai");
    }

    @Test
    void pointsTheProvidersAtTheStubsRegistersThemAndStopsThemWithTheContext() throws Exception {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                "arcllm.providers.anthropic.base-url", "https://api.anthropic.com",
                "arcllm.providers.local.type", "openai")));

        new ArcLlmStubsContextCustomizer(List.of()).customizeContext(context, null);
        context.refresh();

        ArcLlmStubs stubs = context.getBean(ArcLlmStubs.class);
        assertThat(stubs.provider("local").format()).isEqualTo(ApiFormat.OPENAI);
        URI anthropic = stubs.provider("anthropic").baseUrl();
        assertThat(context.getEnvironment().getProperty("arcllm.providers.anthropic.base-url")).isEqualTo(anthropic.toString());
        assertThat(context.getEnvironment().getProperty("arcllm.providers.local.api-key")).isEqualTo(ArcLlmStubs.DUMMY_API_KEY);
        assertThat(post(anthropic.resolve("/v1/messages"))).contains("\"type\":\"message\"");

        context.close();

        assertThatThrownBy(() -> post(anthropic.resolve("/v1/messages"))).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void namedProvidersAreTheOnlyOnesStubbed() {
        GenericApplicationContext context = new GenericApplicationContext();
        new ArcLlmStubsContextCustomizer(List.of("openai")).customizeContext(context, null);
        context.refresh();
        try {
            assertThat(context.getBean(ArcLlmStubs.class).ids()).containsExactly("openai");
            assertThat(context.getEnvironment().getProperty("arcllm.providers.anthropic.base-url")).isNull();
        } finally {
            context.close();
        }
    }

    @Test
    void aNamedProviderThatIsNotBuiltInNeedsItsType() {
        GenericApplicationContext context = new GenericApplicationContext();

        assertThatThrownBy(() -> new ArcLlmStubsContextCustomizer(List.of("local")).customizeContext(context, null))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("set arcllm.providers.local.type (anthropic or openai)");
    }

    @Test
    void aConfiguredIdWithoutTypeOnlyConfiguresTheModulesOfAnApplicationBeanAndIsNotStubbed() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("arcllm.providers.mine.modules.retry.max-retries", "5")));

        new ArcLlmStubsContextCustomizer(List.of()).customizeContext(context, null);
        context.refresh();
        try {
            assertThat(context.getBean(ArcLlmStubs.class).ids()).contains("anthropic").doesNotContain("mine");
        } finally {
            context.close();
        }
    }

    @Test
    void equalForEqualProviderListsSoContextsAreCached() {
        assertThat(new ArcLlmStubsContextCustomizer(List.of("openai")))
                .isEqualTo(new ArcLlmStubsContextCustomizer(List.of("openai")))
                .hasSameHashCodeAs(new ArcLlmStubsContextCustomizer(List.of("openai")))
                .isNotEqualTo(new ArcLlmStubsContextCustomizer(List.of()));
    }

    @Test
    void factoryGivesACustomizerOnlyToAnnotatedClassesAndTheirNestedOnes() {
        ArcLlmStubsContextCustomizerFactory factory = new ArcLlmStubsContextCustomizerFactory();

        assertThat(factory.createContextCustomizer(ArcLlmStubsContextCustomizerTests.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
                .isEqualTo(new ArcLlmStubsContextCustomizer(List.of("anthropic")));
        assertThat(factory.createContextCustomizer(Annotated.Inner.class, List.of()))
                .isEqualTo(new ArcLlmStubsContextCustomizer(List.of("anthropic")));
    }

    @AutoConfigureArcLlmStubs("anthropic")
    static class Annotated {
        @Nested
        class Inner {
        }
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static String post(URI uri) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}"))
                .header("Content-Type", "application/json").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}

package io.arcllm.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.HttpVersion;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code arcllm.providers.<id>.max-connections} and {@code http-version}: binding, defaults, bad values, h2c end to end. */
class ProviderConnectionPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY);

    @Test
    void unsetMeansTheCoreDefaults() {
        runner.run(context -> {
            ProviderSettings anthropic = context.getBean(ProviderRegistry.class).settings("anthropic");
            assertThat(anthropic.maxConnections()).isEqualTo(ProviderSettings.DEFAULT_MAX_CONNECTIONS);
            assertThat(anthropic.httpVersion()).isEqualTo(ProviderSettings.DEFAULT_HTTP_VERSION).isEqualTo(HttpVersion.HTTP_1_1);
        });
    }

    @Test
    void bothPropertiesReachTheProvidersSettings() {
        runner.withPropertyValues("arcllm.providers.anthropic.max-connections=5000", "arcllm.providers.anthropic.http-version=h2",
                "arcllm.providers.openai.http-version=http1_1").run(context -> {
            ProviderRegistry registry = context.getBean(ProviderRegistry.class);
            assertThat(registry.settings("anthropic").maxConnections()).isEqualTo(5000);
            assertThat(registry.settings("anthropic").httpVersion()).isEqualTo(HttpVersion.H2);
            assertThat(registry.settings("openai").httpVersion()).isEqualTo(HttpVersion.HTTP_1_1);
            assertThat(registry.settings("openai").maxConnections()).isEqualTo(ProviderSettings.DEFAULT_MAX_CONNECTIONS);
        });
    }

    @Test
    void zeroConnectionsFailsStartupNamingThePropertyAndTheFix() {
        runner.withPropertyValues("arcllm.providers.anthropic.max-connections=0").run(context -> {
            assertThat(context).hasFailed().getFailure().rootCause()
                    .hasMessageContaining("arcllm.providers.anthropic.max-connections").hasMessageContaining("must be >= 1, was 0");
            FailureAnalysis analysis = new ArcLlmConfigFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .isEqualTo("Invalid ArcLLM configuration: arcllm.providers.anthropic.max-connections must be >= 1, was 0");
            assertThat(analysis.getAction()).isEqualTo("Set arcllm.providers.anthropic.max-connections to 1 or more"
                    + " (default 1000); calls beyond it wait for a free connection.");
        });
    }

    @Test
    void anUnknownHttpVersionFailsStartupNamingTheProperty() {
        runner.withPropertyValues("arcllm.providers.anthropic.http-version=h3").run(context -> {
            assertThat(context).hasFailed();
            BindException bind = find(context.getStartupFailure(), BindException.class);
            assertThat(bind).as("a binding failure").isNotNull();
            assertThat(bind.getProperty().getName()).hasToString("arcllm.providers.anthropic.http-version");
            assertThat(bind.getProperty().getValue()).isEqualTo("h3");
        });
    }

    @Test
    void aProviderOnH2TalksHttp2ToAnH2cServer() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
                .route(routes -> routes.post("/v1/messages", (request, response) -> request.receive().aggregate()
                        .asString(StandardCharsets.UTF_8).flatMap(body -> {
                            seen.put("protocol", request.protocol());
                            seen.put("key", String.valueOf(request.requestHeaders().get("x-api-key")));
                            seen.put("body", body);
                            return response.header("content-type", "application/json").sendString(Mono.just(ANTHROPIC_ANSWER)).then();
                        })))
                .bindNow(Duration.ofSeconds(10));
        try {
            runner.withPropertyValues("arcllm.providers.anthropic.base-url=http://127.0.0.1:" + server.port(),
                    "arcllm.providers.anthropic.http-version=h2", "arcllm.providers.anthropic.max-connections=2").run(context -> {
                LlmProvider anthropic = context.getBean(LlmProvider.class);

                String answer = anthropic.invoke(LlmRequest.of(List.of(Message.user("2+2?")))).block(Duration.ofSeconds(10)).content();

                assertThat(answer).isEqualTo("4");
                assertThat(seen).containsEntry("protocol", "HTTP/2.0").containsEntry("key", ANTHROPIC_KEY);
                assertThat(seen.get("body")).contains("\"text\":\"2+2?\"");
            });
        } finally {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

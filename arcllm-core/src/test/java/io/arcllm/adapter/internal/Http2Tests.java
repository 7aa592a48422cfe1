package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.adapter.internal.RecordingNettyServer.Received;
import io.arcllm.config.HttpVersion;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.HttpProtocol;

/**
 * {@code http-version: h2} against a real Reactor Netty server: over plain http the adapter speaks h2c with prior
 * knowledge, sends the same request as over HTTP/1.1, reads whole answers and streams, and multiplexes many calls on
 * one connection. HTTP/1.1 stays the default.
 */
class Http2Tests extends RecordingServerAdapterTest {

    private BaseAdapter h2Adapter(int maxConnections) {
        return Format.ANTHROPIC.adapter(Format.ANTHROPIC.settings(server.baseUrl(),
                b -> b.httpVersion(HttpVersion.H2).maxConnections(maxConnections)));
    }

    @Test
    void invokeOverH2cSendsTheRequestAsHttp2AndReadsTheAnswer() {
        startServer(Duration.ZERO, HttpProtocol.H2C);
        adapter = h2Adapter(10);

        LlmResponse response = AdapterTestSupport.call(adapter.invoke(REQUEST));

        assertThat(response.content()).isEqualTo("Hello");
        assertThat(response.usage().inputTokens()).isEqualTo(10);
        Received sent = server.received().get(0);
        assertThat(sent.protocol()).isEqualTo("HTTP/2.0");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", AdapterTestSupport.KEY)
                .containsEntry("anthropic-version", "2023-06-01").containsEntry("content-type", "application/json");
        assertThat(sent.body()).contains("\"model\":\"claude-test\"").contains("\"text\":\"Hi\"").doesNotContain("\"stream\"");
    }

    @Test
    void aStreamOverH2cDeliversEveryEvent() {
        startServer(Duration.ZERO, HttpProtocol.H2C);
        adapter = h2Adapter(10);

        List<LlmStreamEvent> events = adapter.stream(REQUEST).collectList().block(AdapterTestSupport.BLOCK);

        assertThat(events).filteredOn(LlmStreamEvent.TextDelta.class::isInstance).hasSize(2);
        assertThat(LlmStreamCollector.collect(Flux.fromIterable(events)).block().content()).isEqualTo("Hello");
        Received sent = server.received().get(0);
        assertThat(sent.protocol()).isEqualTo("HTTP/2.0");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", AdapterTestSupport.KEY)
                .hasEntrySatisfying("accept", accept -> assertThat(accept).contains("text/event-stream"));
        assertThat(sent.body()).contains("\"stream\":true");
    }

    @Test
    void manyCallsShareOneHttp2Connection() {
        startServer(Duration.ofMillis(300), HttpProtocol.H2C);
        adapter = h2Adapter(1);

        List<LlmResponse> responses = Flux.range(0, 20).flatMap(i -> adapter.invoke(REQUEST), 20)
                .collectList().block(AdapterTestSupport.BLOCK);

        assertThat(responses).hasSize(20).allSatisfy(response -> assertThat(response.content()).isEqualTo("Hello"));
        assertThat(server.connections()).as("connections opened").isEqualTo(1);
        assertThat(server.mostInProgress()).as("calls on the server at once, over that one connection").isGreaterThan(1);
        assertThat(server.received()).hasSize(20).allSatisfy(sent -> assertThat(sent.protocol()).isEqualTo("HTTP/2.0"));
    }

    @Test
    void http11StaysTheDefault() {
        startServer(Duration.ZERO, HttpProtocol.HTTP11, HttpProtocol.H2C);
        adapter = Format.ANTHROPIC.adapter(Format.ANTHROPIC.settings(server.baseUrl(), b -> b));

        assertThat(AdapterTestSupport.call(adapter.invoke(REQUEST)).content()).isEqualTo("Hello");
        assertThat(server.received().get(0).protocol()).isEqualTo("HTTP/1.1");
    }
}

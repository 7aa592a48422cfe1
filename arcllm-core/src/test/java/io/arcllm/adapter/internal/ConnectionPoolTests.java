package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmResponse;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.adapter.internal.RecordingNettyServer.Received;
import io.arcllm.module.internal.DeadlineModule;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.HttpProtocol;

/**
 * {@code max-connections}: calls beyond the pool wait for a free connection instead of failing, and that wait ends
 * at the call's read timeout or deadline with the usual timeout error, the request never sent.
 */
class ConnectionPoolTests extends RecordingServerAdapterTest {

    private BaseAdapter adapterWithOneConnection(Duration readTimeout) {
        return Format.ANTHROPIC.adapter(Format.ANTHROPIC.settings(server.baseUrl(),
                b -> b.maxConnections(1).readTimeout(readTimeout).streamFirstEventTimeout(Duration.ofSeconds(10))));
    }

    @Test
    void callsBeyondMaxConnectionsWaitForTheConnectionAndAllSucceed() {
        startServer(Duration.ofMillis(200), HttpProtocol.HTTP11);
        adapter = adapterWithOneConnection(Duration.ofSeconds(10));

        List<LlmResponse> responses = Flux.range(0, 3).flatMap(i -> adapter.invoke(REQUEST), 3)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(responses).hasSize(3).allSatisfy(response -> assertThat(response.content()).isEqualTo("Hello"));
        assertThat(server.connections()).as("connections opened").isEqualTo(1);
        assertThat(server.mostInProgress()).as("requests on the server at once: the others waited").isEqualTo(1);
        assertThat(server.received()).hasSize(3).allSatisfy(sent -> {
            assertThat(sent.path()).isEqualTo("/v1/messages");
            assertThat(sent.headers()).containsEntry("x-api-key", AdapterTestSupport.KEY);
            assertThat(sent.body()).contains("\"model\":\"claude-test\"");
        });
    }

    @Test
    void aCallWaitingForAConnectionEndsAtItsReadTimeoutWithoutBeingSent() {
        startServer(Duration.ofSeconds(3), HttpProtocol.HTTP11);
        adapter = adapterWithOneConnection(Duration.ofMillis(400));
        // A stream is not bounded by the read timeout: it holds the only connection while the server waits.
        Disposable holder = adapter.stream(REQUEST).subscribe(event -> { }, error -> { });
        try {
            awaitReceived(1);

            Throwable error = AdapterTestSupport.failure(adapter.invoke(REQUEST));

            assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, timeout -> {
                assertThat(timeout.isDeadline()).isFalse();
                assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(400));
                assertThat(timeout.getMessage()).isEqualTo("anthropic read timeout after 400 ms");
            });
            assertThat(server.received()).extracting(Received::body).singleElement().asString().contains("\"stream\":true");
        } finally {
            holder.dispose();
        }
    }

    @Test
    void aCallWaitingForAConnectionEndsAtItsDeadlineWithoutBeingSent() {
        startServer(Duration.ofMillis(1500), HttpProtocol.HTTP11);
        adapter = adapterWithOneConnection(Duration.ofSeconds(10));
        Disposable first = adapter.invoke(REQUEST).subscribe(response -> { }, e -> { });
        try {
            awaitReceived(1);

            Throwable error = AdapterTestSupport.failure(new DeadlineModule(adapter, Duration.ofMillis(300), null).invoke(REQUEST));

            assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, timeout -> {
                assertThat(timeout.isDeadline()).isTrue();
                assertThat(timeout.getMessage()).isEqualTo("deadline of 300ms passed after 1 attempt(s) on anthropic");
            });
            assertThat(server.received()).hasSize(1);
            // The waiting call left the queue: once the first answer frees the connection, nothing else is sent.
            assertThat(AdapterTestSupport.call(adapter.invoke(REQUEST)).content()).isEqualTo("Hello");
            assertThat(server.received()).hasSize(2);
        } finally {
            first.dispose();
        }
    }

    private void awaitReceived(int count) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.received().size() < count && System.nanoTime() < until) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(server.received()).as("requests the server received").hasSize(count);
    }
}

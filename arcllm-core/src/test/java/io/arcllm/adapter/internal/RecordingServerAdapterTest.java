package io.arcllm.adapter.internal;

import java.time.Duration;
import java.util.List;

import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import org.junit.jupiter.api.AfterEach;
import reactor.netty.http.HttpProtocol;

/**
 * An Anthropic adapter against a {@link RecordingNettyServer} that answers "Hello" whole, or as a stream of "Hel",
 * "lo"; each test starts the server it needs and builds its adapter, both closed after it.
 */
abstract class RecordingServerAdapterTest {

    static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("Hi")));
    static final String STREAM = StreamFixtures.anthropicText("end_turn", "Hel", "lo");

    RecordingNettyServer server;
    BaseAdapter adapter;

    /** Starts the server, answering after {@code delay} over {@code protocols}. */
    RecordingNettyServer startServer(Duration delay, HttpProtocol... protocols) {
        server = RecordingNettyServer.start(delay, Format.ANTHROPIC.okBody, List.of(STREAM), protocols);
        return server;
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
        server.close();
    }
}

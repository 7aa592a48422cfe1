package io.arcllm.test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.internal.Reply;
import io.arcllm.test.internal.ScriptedResponses;
import io.arcllm.test.internal.WireRequestReader;
import io.arcllm.test.wire.ProviderWire;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The stand-in for one provider id: a WireMock server on a free loopback port speaking the provider's real API
 * ({@code POST /v1/messages} or {@code POST /v1/chat/completions}).
 *
 * <p>Script it with the methods of {@link Replies}: {@code stub.failsWith(429, Duration.ofSeconds(1)).then().answers("Paris")};
 * each such call on the stub replaces its script. Unscripted, it answers {@value ScriptedResponses#DEFAULT_TEXT}.
 * Verify with {@link #requests()} and {@link #attempts()}, which read what it received back into ArcLLM's types.
 * Thread-safe for requests; script it from the test's thread.
 */
public final class ProviderStub extends Replies<Script> {

    private final String id;
    private final ProviderWire wire;
    private final ScriptedResponses responses;
    private final WireMockServer server;

    private ProviderStub(String id, ApiFormat format) {
        this.id = id;
        this.wire = ProviderWire.of(format);
        this.responses = new ScriptedResponses(id, wire);
        this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .asynchronousResponseEnabled(true).extensions(responses));
    }

    /** Starts a stub of {@code format} for the provider id on a free loopback port. */
    static ProviderStub start(String id, ApiFormat format) {
        ProviderStub stub = new ProviderStub(id, format);
        stub.server.start();
        stub.server.stubFor(any(anyUrl()).willReturn(ok()));
        return stub;
    }

    @Override
    Script add(Reply reply) {
        responses.replace(List.of(reply));
        return new Script(responses, reply);
    }

    /** The provider id this stub stands in for. */
    public String id() {
        return id;
    }

    /** The API format it speaks. */
    public ApiFormat format() {
        return wire.format();
    }

    /** The base URL to configure as {@code arcllm.providers.<id>.base-url}: {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** How many requests reached this stub (each retry is one), since it started or was last reset. */
    public int attempts() {
        return server.getAllServeEvents().size();
    }

    /** The requests it received, oldest first, read into ArcLLM's types. */
    public List<ReceivedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(event -> read(event.getRequest())).toList();
    }

    /**
     * The last request it received.
     *
     * @throws AssertionError if it received none
     */
    public ReceivedRequest lastRequest() {
        List<ReceivedRequest> requests = requests();
        if (requests.isEmpty()) {
            throw new AssertionError("provider '" + id + "' received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** Forgets the script and the requests received: the stub is as new. */
    public void reset() {
        responses.clear();
        server.resetRequests();
    }

    void stop() {
        server.stop();
    }

    private ReceivedRequest read(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        return WireRequestReader.read(id, wire.format(), request.getUrl(), headers, request.getBodyAsString());
    }

    @Override
    public String toString() {
        return "ProviderStub[" + id + ", " + wire.format() + ", " + baseUrl() + "]";
    }
}

package io.arcllm.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;

/**
 * Counts the connections a WireMock server has open right now, as the server sees them (its network traffic
 * listener hears every socket opened and closed). A count back at zero after the test closed its provider
 * proves the client released its connections.
 */
final class ConnectionCounter implements WiremockNetworkTrafficListener {

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();

    @Override
    public void opened(Socket socket) {
        opened.incrementAndGet();
        open.add(socket);
    }

    @Override
    public void incoming(Socket socket, ByteBuffer bytes) {
    }

    @Override
    public void outgoing(Socket socket, ByteBuffer bytes) {
    }

    @Override
    public void closed(Socket socket) {
        open.remove(socket);
    }

    /** How many connections were opened in all. */
    int openedInAll() {
        return opened.get();
    }

    /** How many connections are open right now. */
    int open() {
        return open.size();
    }

    /** Waits until {@code count} is zero; fails the test if it still is not after {@code timeout}. */
    static void awaitZero(IntSupplier count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(count.getAsInt()).as("%s after waiting up to %d ms", what, timeout.toMillis()).isZero();
    }
}

package io.arcllm.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 over plain sockets, for the faults WireMock cannot script: a reset in
 * the middle of a body, headers that never come, a body trickling in, a streamed oversized body, a gzip answer.
 * One thread per connection (named {@value #THREAD_PREFIX}…), keep-alive, {@code Content-Length} request bodies.
 * It records every request and counts the connections that are open right now, so a test can prove the client
 * closed them.
 */
final class RawHttpServer implements AutoCloseable {

    /** Name prefix of the server's threads, so thread-leak checks can leave them out. */
    static final String THREAD_PREFIX = "raw-http-";

    /** Decides what to do with one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request, RawHttpReply reply) throws IOException, InterruptedException;
    }

    /**
     * A received request.
     *
     * @param headers names in lower case
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket serverSocket;
    private volatile Handler handler = (request, reply) -> reply.json(404, "{}");
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicInteger threadIds = new AtomicInteger();
    private volatile boolean closed;

    private RawHttpServer() throws IOException {
        this.serverSocket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, THREAD_PREFIX + "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server answering 404 until told otherwise. */
    static RawHttpServer start() {
        try {
            return new RawHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a server socket", e);
        }
    }

    /** Answers every request from now on with {@code handler}, and forgets the requests received so far. */
    RawHttpServer answerWith(Handler handler) {
        this.handler = handler;
        requests.clear();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort();
    }

    /** Every request received so far, in arrival order. */
    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** How many requests arrived. */
    int requestCount() {
        return requests.size();
    }

    /** How many connections were accepted in all. */
    int acceptedConnections() {
        return accepted.get();
    }

    /** The most connections that were open at once. */
    int peakOpenConnections() {
        return peakOpen.get();
    }

    /** How many connections are open right now (neither side has closed them). */
    int openConnections() {
        return open.size();
    }

    /** Waits until no connection is open; fails the test if one still is after {@code timeout}. */
    void awaitNoOpenConnections(Duration timeout) {
        ConnectionCounter.awaitZero(this::openConnections, timeout, "open connections to " + baseUrl());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true); // answers go out at once, not after the client's delayed ACK
                accepted.incrementAndGet();
                open.add(socket);
                peakOpen.accumulateAndGet(open.size(), Math::max);
                Thread worker = new Thread(() -> serve(socket), THREAD_PREFIX + threadIds.incrementAndGet());
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (!closed) {
                Request request = readRequest(in);
                if (request == null) {
                    return; // the client closed the connection
                }
                requests.add(request);
                RawHttpReply reply = new RawHttpReply(socket, in);
                handler.handle(request, reply);
                if (reply.connectionEnded() || "close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away mid-exchange: the connection is over either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(parts[0], parts[1], headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // nothing to do
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}

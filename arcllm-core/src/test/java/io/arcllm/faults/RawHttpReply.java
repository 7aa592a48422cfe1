package io.arcllm.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * How a {@link RawHttpServer} handler answers one request: a whole response, or one of the faults WireMock
 * cannot script.
 */
final class RawHttpReply {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean connectionEnded;

    RawHttpReply(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Whether this reply closed the connection (or found it closed by the client). */
    boolean connectionEnded() {
        return connectionEnded;
    }

    /** A complete response; the connection stays open for the next request. */
    void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
        byte[] head = head(status, headers, body.length);
        byte[] whole = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        out.write(whole);
        out.flush();
    }

    /** A complete JSON response. */
    void json(int status, String body) throws IOException {
        respond(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Resets the connection (TCP RST) without answering. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
        connectionEnded = true;
    }

    /** Closes the connection without answering. */
    void hangUp() throws IOException {
        socket.close();
        connectionEnded = true;
    }

    /**
     * Sends the status line, headers announcing {@code declaredLength} bytes and only {@code partial}, waits a
     * moment so the client is reading the body, then resets the connection (TCP RST).
     */
    void partialBodyThenReset(int status, long declaredLength, byte[] partial) throws IOException, InterruptedException {
        partialBody(status, declaredLength, partial);
        reset();
    }

    /** As {@link #partialBodyThenReset}, but closes the connection normally (TCP FIN). */
    void partialBodyThenHangUp(int status, long declaredLength, byte[] partial) throws IOException, InterruptedException {
        partialBody(status, declaredLength, partial);
        hangUp();
    }

    private void partialBody(int status, long declaredLength, byte[] partial) throws IOException, InterruptedException {
        out.write(head(status, Map.of("Content-Type", "application/json"), declaredLength));
        out.write(partial);
        out.flush();
        Thread.sleep(50);
    }

    /**
     * Sends nothing until the client hangs up, or {@code max} passes (then answers {@code lateBody}).
     *
     * @return whether the client hung up first
     */
    boolean stallUntilHangUp(Duration max, String lateBody) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    json(200, lateBody);
                    return false;
                }
                socket.setSoTimeout((int) left);
                try {
                    if (in.read() == -1) {
                        connectionEnded = true;
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // loop: the deadline decides
                }
            }
        } catch (IOException e) {
            connectionEnded = true;
            return true;
        }
    }

    /**
     * Sends headers at once, then the body one byte every {@code interval}, until it is all sent or the client
     * hangs up.
     */
    void trickle(byte[] body, Duration interval) throws IOException, InterruptedException {
        out.write(head(200, Map.of("Content-Type", "application/json"), body.length));
        out.flush();
        try {
            for (byte b : body) {
                Thread.sleep(interval.toMillis());
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            connectionEnded = true;
        }
    }

    /** Streams a body of {@code length} bytes ({@code prefix}, then spaces) without holding it in memory. */
    void stream(int status, long length, byte[] prefix) throws IOException {
        out.write(head(status, Map.of("Content-Type", "application/json"), length));
        out.write(prefix);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        try {
            for (long left = length - prefix.length; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.flush();
        } catch (IOException e) {
            connectionEnded = true; // the client stopped reading: expected once it hits its size limit
        }
    }

    /** Starts a 200 {@code text/event-stream} answer with chunked transfer encoding; send it with {@link #chunk}. */
    void eventStreamHead() throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Sends {@code bytes} as one HTTP chunk at once (its own TCP segment, as the socket has no delay).
     *
     * @return false if the client has hung up
     */
    boolean chunk(byte[] bytes) {
        try {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException e) {
            connectionEnded = true;
            return false;
        }
    }

    /** Ends a chunked answer; the connection stays open. */
    void lastChunk() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static byte[] head(int status, Map<String, String> headers, long contentLength) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}

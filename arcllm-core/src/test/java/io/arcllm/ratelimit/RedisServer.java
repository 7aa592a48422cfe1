package io.arcllm.ratelimit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, without persistence,
 * for one test class. Found on the {@code PATH} or in the usual directories, or named by {@code REDIS_SERVER}.
 * When it cannot be found the tests are skipped with a message saying how to install it, except in CI
 * ({@code CI=true}), where a missing server fails the build.
 */
final class RedisServer implements AutoCloseable {

    private static final List<String> USUAL_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin",
            "/usr/sbin");

    private final Path executable;
    private final int port;
    private Process process;

    private RedisServer(Path executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** Starts a server, or skips the calling test class when there is none outside CI. */
    static RedisServer start() {
        Optional<Path> found = find();
        String help = "redis-server not found: install it (Debian/Ubuntu: sudo apt-get install redis-server, "
                + "macOS: brew install redis) or set REDIS_SERVER to its path";
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(help + " (CI=true: the Redis tests must run in CI)");
            }
            Assumptions.abort(help + "; skipping the Redis tests");
        }
        RedisServer server = new RedisServer(found.get(), freePort());
        server.startProcess();
        return server;
    }

    private static Optional<Path> find() {
        String named = System.getenv("REDIS_SERVER");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        return Stream.concat(path, USUAL_DIRECTORIES.stream())
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The URI Lettuce connects to. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server (SIGKILL): clients see the connection drop. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /** Starts the server again on the same port, empty. */
    void restart() {
        kill();
        startProcess();
    }

    private void startProcess() {
        try {
            process = new ProcessBuilder(executable.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        kill();
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}

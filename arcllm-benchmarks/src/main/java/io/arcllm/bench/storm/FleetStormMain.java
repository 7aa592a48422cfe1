package io.arcllm.bench.storm;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The "fleet 429 storm": a stub provider enforcing {@value #RPM} requests/min and {@value #OTPM} output
 * tokens/min (429 + {@code Retry-After} beyond), {@code --in-flight} calls (default 500) kept in flight for
 * {@code --seconds} (default 60), split over {@code --instances} JVMs (default 1; more are started as child
 * processes of this one). {@code --mode off|memory|redis}: without the rate-limit module, with it in memory
 * (each JVM its own budget), or with it on a Redis that this command starts ({@code redis-server} on the PATH).
 * Prints one Markdown row.
 *
 * <pre>java -cp arcllm-benchmarks/target/arcllm-benchmarks.jar io.arcllm.bench.storm.FleetStormMain --mode redis --instances 3</pre>
 */
public final class FleetStormMain {

    static final long RPM = 600;
    static final long OTPM = 60_000;
    /** The first seconds (the buckets' initial burst) are left out of the steady-state rate. */
    static final Duration WARMUP = Duration.ofSeconds(15);

    private FleetStormMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = options.getOrDefault("mode", "off");
        int inFlight = Integer.parseInt(options.getOrDefault("in-flight", "500"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "60")));
        if (options.containsKey("worker")) {
            StormInstance.Result result = StormInstance.run(URI.create(options.get("stub")), mode, options.get("redis"),
                    inFlight, duration, RPM, OTPM);
            System.out.println("RESULT " + result.ok() + " " + result.failed() + " " + result.refused() + " " + result.storeFailures() + " "
                    + result.latenciesMillis().stream().map(String::valueOf).collect(Collectors.joining(",")));
            System.exit(0);
        }
        int instances = Integer.parseInt(options.getOrDefault("instances", "1"));
        Process redis = mode.equals("redis") ? startRedis() : null;
        String redisUri = redis == null ? null : "redis://127.0.0.1:" + redisPort;
        try (StormStub stub = new StormStub(RPM, OTPM, Duration.ofMillis(500))) {
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                        "-Dstorm.deny=" + options.getOrDefault("deny", "false"), "-cp", System.getProperty("java.class.path"),
                        FleetStormMain.class.getName(), "--worker", "--stub", stub.baseUrl().toString(), "--mode", mode,
                        "--in-flight", String.valueOf(inFlight / instances), "--seconds", String.valueOf(duration.toSeconds())));
                if (redisUri != null) {
                    command.addAll(List.of("--redis", redisUri));
                }
                workers.add(new ProcessBuilder(command).redirectError(new File("storm-worker-" + i + ".log")).start());
            }
            long start = System.nanoTime();
            List<long[]> counts = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            for (Process worker : workers) {
                read(worker, counts, latencies);
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - start);
            print(mode, instances, inFlight, duration, ran, stub, counts, latencies);
        } finally {
            if (redis != null) {
                redis.destroyForcibly().waitFor();
            }
        }
        System.exit(0);
    }

    private static void read(Process worker, List<long[]> counts, List<Long> latencies) throws IOException, InterruptedException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ", 6);
                    counts.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                            Long.parseLong(parts[4])});
                    if (parts.length == 6 && !parts[5].isBlank()) {
                        for (String value : parts[5].split(",")) {
                            latencies.add(Long.parseLong(value));
                        }
                    }
                }
            }
        }
        worker.waitFor();
    }

    private static void print(String mode, int instances, int inFlight, Duration duration, Duration ran, StormStub stub,
                              List<long[]> counts, List<Long> latencies) {
        long ok = counts.stream().mapToLong(c -> c[0]).sum();
        long failed = counts.stream().mapToLong(c -> c[1]).sum();
        long refused = counts.stream().mapToLong(c -> c[2]).sum();
        long upstream = stub.ok() + stub.tooMany();
        latencies.sort(null);
        long p99 = latencies.isEmpty() ? 0 : latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1));
        double steadyMinutes = Math.max(1, duration.minus(WARMUP).toSeconds()) / 60.0;
        // Before the 15 s mark (from the first request) the buckets' initial burst, a full minute's budget, inflates the
        // rate; after the load stops, calls in flight only drain. The steady-state column counts 200s between the two.
        System.out.printf("| mode | instances | in flight | seconds | upstream requests | 429s received | upstream req / success "
                + "| successful calls (failed, refused locally) | successful calls/min after %d s | p99 latency |%n", WARMUP.toSeconds());
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %s | %d | %d | %d | %,d | %,d (%.1f %%) | %.2f | %,d (%,d, %,d) | %.0f (%.0f %% of %d) | %.1f s |%n",
                mode, instances, inFlight, duration.toSeconds(), upstream, stub.tooMany(),
                upstream == 0 ? 0 : 100.0 * stub.tooMany() / upstream, ok == 0 ? 0 : (double) upstream / ok,
                ok, failed, refused, stub.okBetween(WARMUP, duration) / steadyMinutes,
                100.0 * stub.okBetween(WARMUP, duration) / steadyMinutes / RPM, RPM, p99 / 1000.0);
        System.out.printf("(stub: %,d answered 200 in total; the run took %d s including the drain of calls in flight; "
                + "rate-limit store failures: %,d)%n", stub.ok(), ran.toSeconds(), counts.stream().mapToLong(c -> c[3]).sum());
    }

    private static int redisPort;

    private static Process startRedis() throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            redisPort = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket("127.0.0.1", redisPort)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start");
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                options.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }
        return options;
    }
}

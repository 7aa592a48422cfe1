package io.arcllm.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.arcllm.bench.stub.StubAnthropicServer;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles one client under load with Java Flight Recorder and prints where its CPU and allocation go, in one
 * command:
 * <pre>
 * java -cp arcllm-benchmarks/target/arcllm-benchmarks.jar io.arcllm.bench.load.ProfileMain [client] [calls] [in flight]
 * </pre>
 * {@code client} is a {@link BenchClients.Kind} name (default {@code ARCLLM_FULL_STACK}: telemetry on a Micrometer
 * registry, retry, fallback), {@code calls} the measured calls (default 40,000), {@code in flight} the concurrency
 * (default 1,000), against the stub with a 50 ms delay. After 5,000 unrecorded warm-up calls it records the measured
 * calls with JFR's {@code profile} settings, writes {@code target/profile-<client>.jfr} (open it in JDK Mission
 * Control for more) and prints: the hottest frames (the method running in each CPU sample, client threads only: the
 * stub's are left out), the hottest ArcLLM frames (the innermost {@code io.arcllm} frame of each sample, i.e. which
 * ArcLLM code led there), the allocation sites (innermost frame and class, weighted by sampled bytes) and the
 * innermost ArcLLM frame of each allocation.
 */
public final class ProfileMain {

    private static final int TOP = 25;

    private ProfileMain() {
    }

    /** Runs the profile; see the class description for the arguments. */
    public static void main(String[] args) throws Exception {
        BenchClients.Kind kind = args.length > 0 ? BenchClients.Kind.valueOf(args[0].toUpperCase(Locale.ROOT))
                : BenchClients.Kind.ARCLLM_FULL_STACK;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path file = Files.createDirectories(Path.of("arcllm-benchmarks", "target").toFile().isDirectory()
                ? Path.of("arcllm-benchmarks", "target") : Path.of("target"))
                .resolve("profile-" + kind.name().toLowerCase(Locale.ROOT) + ".jfr").toAbsolutePath();
        try (StubAnthropicServer stub = StubAnthropicServer.start(2); BenchClient client = kind.create(stub.baseUrl())) {
            stub.delay(Duration.ZERO);
            LoadDriver.callMany(client, 5_000, 100);
            stub.delay(Duration.ofMillis(500));
            LoadDriver.callMany(client, inFlight, inFlight); // open the pool's connections
            stub.delay(Duration.ofMillis(50));
            long connections = stub.connectionCount();
            long closed = stub.closedConnectionCount();
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                long start = System.nanoTime();
                LoadDriver.callMany(client, calls, inFlight);
                double seconds = (System.nanoTime() - start) / 1e9;
                recording.stop();
                recording.dump(file);
                System.out.printf(Locale.ROOT, "%s: %,d calls, %,d in flight, %,.0f calls/s, %d new connections, %d closed; recording %s%n%n",
                        kind.label(), calls, inFlight, calls / seconds, stub.connectionCount() - connections,
                        stub.closedConnectionCount() - closed, file);
            }
        }
        print(file);
        System.exit(0);
    }

    private static void print(Path file) throws IOException {
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> arcLlmFrames = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        Map<String, Long> arcLlmAllocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty() || stubThread(event)) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            String name = event.getEventType().getName();
            if (name.equals("jdk.ExecutionSample")) {
                samples++;
                topFrames.merge(frame(frames.get(0)), 1L, Long::sum);
                arcLlmFrames.merge(ours(frames), 1L, Long::sum);
            } else if (name.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocated += weight;
                allocations.merge(frame(frames.get(0)) + "  " + event.getClass("objectClass").getName(), weight, Long::sum);
                arcLlmAllocations.merge(ours(frames), weight, Long::sum);
            }
        }
        table("Hottest frames (share of " + samples + " CPU samples on client threads)", topFrames, samples);
        table("Innermost ArcLLM frame of each CPU sample", arcLlmFrames, samples);
        table("Allocation sites (share of sampled bytes), frame and class", allocations, allocated);
        table("Innermost ArcLLM frame of each allocation (share of sampled bytes)", arcLlmAllocations, allocated);
    }

    /** The innermost ArcLLM (not benchmark) frame, or a note that there is none. */
    private static String ours(List<RecordedFrame> frames) {
        String ours = first(frames, f -> f.getMethod().getType().getName().startsWith("io.arcllm.")
                && !f.getMethod().getType().getName().startsWith("io.arcllm.bench."));
        return ours == null ? "(no ArcLLM frame)" : ours;
    }

    private static boolean stubThread(RecordedEvent event) {
        String field = event.hasField("sampledThread") ? "sampledThread" : event.hasField("eventThread") ? "eventThread" : null;
        return field != null && event.getThread(field) != null && event.getThread(field).getJavaName() != null
                && event.getThread(field).getJavaName().startsWith(StubAnthropicServer.THREAD_PREFIX);
    }

    private static String first(List<RecordedFrame> frames, Predicate<RecordedFrame> test) {
        for (RecordedFrame frame : frames) {
            if (frame.isJavaFrame() && test.test(frame)) {
                return frame(frame);
            }
        }
        return null;
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void table(String title, Map<String, Long> counts, long total) {
        System.out.println(title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
        System.out.println();
    }
}

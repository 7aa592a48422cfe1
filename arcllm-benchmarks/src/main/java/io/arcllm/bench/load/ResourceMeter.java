package io.arcllm.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.arcllm.bench.stub.StubAnthropicServer;

/**
 * Measures one client's round from the JVM's own counters: peak live threads ({@link ThreadMXBean}, peak
 * reset at the start), peak heap used ({@link MemoryMXBean}, sampled every few milliseconds on one
 * long-lived sampler thread), and the bytes allocated and CPU time spent by every thread except the stub's
 * and the sampler's, i.e. the client side (the JVM's GC and JIT threads included).
 */
public final class ResourceMeter implements AutoCloseable {

    private static final String SAMPLER_NAME = "bench-sampler";
    private static final long SAMPLE_MILLIS = 5;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, SAMPLER_NAME);
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peakHeap = new AtomicLong();

    /** Creates the meter and its sampler thread (once per run, so every client sees the same thread). */
    public ResourceMeter() {
        threads.setThreadAllocatedMemoryEnabled(true);
        threads.setThreadCpuTimeEnabled(true);
        sampler.submit(() -> { }); // start the thread now, not inside a measured round
    }

    /** Live threads now. */
    public int liveThreads() {
        return threads.getThreadCount();
    }

    /** Collects garbage, so each round starts from the same heap. */
    public void collectGarbage() {
        System.gc();
        System.gc();
    }

    /** Starts measuring a round. */
    public Measurement start() {
        threads.resetPeakThreadCount();
        peakHeap.set(memory.getHeapMemoryUsage().getUsed());
        long heapAtStart = peakHeap.get();
        ScheduledFuture<?> sampling = sampler.scheduleAtFixedRate(
                () -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return new Measurement(sampling, heapAtStart, excludedThreadIds(), threads.getTotalThreadAllocatedBytes(),
                os.getProcessCpuTime());
    }

    private long[] excludedThreadIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(StubAnthropicServer.THREAD_PREFIX) || t.getName().equals(SAMPLER_NAME))
                .mapToLong(Thread::getId)
                .toArray();
    }

    private long sum(long[] values) {
        return Arrays.stream(values).filter(v -> v > 0).sum();
    }

    /** Stops the sampler thread. */
    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /** A round being measured. */
    public final class Measurement {
        private final ScheduledFuture<?> sampling;
        private final long heapAtStart;
        private final long[] excludedAtStart;
        private final long excludedAllocatedAtStart;
        private final long excludedCpuAtStart;
        private final long totalAllocatedAtStart;
        private final long processCpuAtStart;

        private Measurement(ScheduledFuture<?> sampling, long heapAtStart, long[] excluded, long totalAllocated,
                            long processCpu) {
            this.sampling = sampling;
            this.heapAtStart = heapAtStart;
            this.excludedAtStart = excluded;
            this.excludedAllocatedAtStart = sum(threads.getThreadAllocatedBytes(excluded));
            this.excludedCpuAtStart = sum(threads.getThreadCpuTime(excluded));
            this.totalAllocatedAtStart = totalAllocated;
            this.processCpuAtStart = processCpu;
        }

        /** Ends the round and returns its figures. */
        public Usage stop() {
            long processCpu = os.getProcessCpuTime();
            long totalAllocated = threads.getTotalThreadAllocatedBytes();
            sampling.cancel(false);
            int peakThreads = threads.getPeakThreadCount();
            // A stub thread born during the round had nothing at the start: all it did counts as stub work.
            long[] excludedNow = excludedThreadIds();
            long excludedAllocated = sum(threads.getThreadAllocatedBytes(excludedNow)) - excludedAllocatedAtStart;
            long excludedCpu = sum(threads.getThreadCpuTime(excludedNow)) - excludedCpuAtStart;
            return new Usage(peakThreads, Math.max(peakHeap.get(), heapAtStart), heapAtStart,
                    totalAllocated - totalAllocatedAtStart - excludedAllocated,
                    processCpu - processCpuAtStart - excludedCpu);
        }
    }

    /**
     * What a round used.
     *
     * @param peakThreads the JVM's peak live thread count during the round
     * @param peakHeapBytes the highest heap-used sample
     * @param heapAtStartBytes heap used at the start, right after the garbage collection
     * @param allocatedBytes bytes allocated by all threads but the stub's and the sampler's
     * @param cpuNanos CPU time of the process minus the stub's threads (GC and JIT included)
     */
    public record Usage(int peakThreads, long peakHeapBytes, long heapAtStartBytes, long allocatedBytes, long cpuNanos) {
    }
}

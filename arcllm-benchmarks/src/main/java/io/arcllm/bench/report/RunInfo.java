package io.arcllm.bench.report;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The machine and JVM a run was measured on, printed above the table.
 *
 * @param date when the run started
 * @param cpus available processors
 * @param java JVM name and version
 * @param os operating system and architecture
 * @param maxHeapBytes the JVM's maximum heap
 * @param loadAverage one-minute system load average when the run started
 */
public record RunInfo(String date, int cpus, String java, String os, long maxHeapBytes, double loadAverage) {

    /** This JVM, now. */
    public static RunInfo current() {
        return new RunInfo(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC)),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(),
                loadAverageNow());
    }

    /** The one-minute system load average, or -1 where the OS does not report it. */
    public static double loadAverageNow() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

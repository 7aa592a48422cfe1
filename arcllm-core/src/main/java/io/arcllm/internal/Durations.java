package io.arcllm.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Durations written as a user writes them in configuration: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
public final class Durations {

    private Durations() {
    }

    /**
     * The duration in the largest unit that shows it exactly ({@code h}, {@code m}, {@code s}, {@code ms}, else
     * {@code ns}): {@code Duration.ofMillis(1500)} is {@code "1500ms"}, {@code Duration.ZERO} is {@code "0s"};
     * null is {@code "null"}.
     */
    public static String format(@Nullable Duration duration) {
        if (duration == null) {
            return "null";
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) {
            return duration.getSeconds() + "s";
        }
        long nanos = duration.toNanos();
        long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
        String[] names = {"h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (nanos % units[i] == 0) {
                return nanos / units[i] + names[i];
            }
        }
        return nanos + "ns";
    }
}

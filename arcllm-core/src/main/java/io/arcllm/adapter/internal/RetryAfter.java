package io.arcllm.adapter.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads how long a provider asked the caller to wait from the {@code retry-after-ms} and
 * {@code Retry-After} response headers.
 *
 * <ul>
 *   <li>{@code retry-after-ms} (sent by OpenAI) wins when present and valid: milliseconds, may be decimal.</li>
 *   <li>{@code Retry-After} is either seconds (may be decimal, e.g. {@code 1.5}) or an HTTP-date, read
 *       relative to the given clock. All three date forms of RFC 9110 are accepted (IMF-fixdate,
 *       RFC 850, asctime).</li>
 *   <li>A negative wait or a date in the past means zero; a wait too long for a {@link Duration} of
 *       milliseconds saturates; an unreadable value counts as absent.</li>
 * </ul>
 * Waits are rounded up to whole milliseconds, so a caller never retries earlier than asked.
 */
public final class RetryAfter {

    /** OpenAI's millisecond variant of {@code Retry-After}. */
    public static final String RETRY_AFTER_MS = "retry-after-ms";

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private RetryAfter() {
    }

    /**
     * The wait the headers ask for.
     *
     * @param retryAfterMs the {@code retry-after-ms} header value, or null
     * @param retryAfter the {@code Retry-After} header value, or null
     * @param clock the clock an HTTP-date is measured against
     * @return the wait, or null when neither header gives a readable one
     */
    public static @Nullable Duration parse(@Nullable String retryAfterMs, @Nullable String retryAfter, Clock clock) {
        Duration millis = number(retryAfterMs, 0);
        if (millis != null) {
            return millis;
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        Duration seconds = number(retryAfter, 3);
        return seconds != null ? seconds : httpDate(retryAfter.strip(), clock);
    }

    /** A decimal number of 10^-{@code millisShift} ms units as a wait; null if not a number. */
    private static @Nullable Duration number(@Nullable String value, int millisShift) {
        if (value == null || !NUMBER.matcher(value.strip()).matches()) {
            return null;
        }
        BigDecimal millis = new BigDecimal(value.strip()).movePointRight(millisShift).setScale(0, RoundingMode.CEILING);
        if (millis.signum() <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(millis.min(MAX_MILLIS).longValueExact());
    }

    private static @Nullable Duration httpDate(String value, Clock clock) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                Instant date = format.parse(value, Instant::from);
                Duration wait = Duration.between(clock.instant(), date);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}

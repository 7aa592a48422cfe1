package io.arcllm.ratelimit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arcllm.ratelimit.RateLimitBudget;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Reads what a provider says about its limits: Anthropic's {@code anthropic-ratelimit-<budget>-remaining} /
 * {@code -reset} (RFC 3339 instant) and OpenAI's {@code x-ratelimit-remaining-<budget>} /
 * {@code x-ratelimit-reset-<budget>} ({@code 1s}, {@code 6m0s}, {@code 20ms}). OpenAI's single token budget
 * (input plus {@code max_tokens}) bounds both of ours. Malformed values are ignored.
 */
public final class RateLimitHeaders {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {
    }

    /**
     * What the provider reported.
     *
     * @param remaining budget → what the provider says is left
     * @param resetIn budget → how long until the provider's budget is full again
     */
    public record Reported(Map<RateLimitBudget, Long> remaining, Map<RateLimitBudget, Duration> resetIn) {

        public boolean isEmpty() {
            return remaining.isEmpty();
        }
    }

    /** Parses the headers; {@code now} turns Anthropic's reset instants into durations. */
    public static Reported parse(HttpHeaders headers, Instant now) {
        Map<RateLimitBudget, Long> remaining = new EnumMap<>(RateLimitBudget.class);
        Map<RateLimitBudget, Duration> resetIn = new EnumMap<>(RateLimitBudget.class);
        anthropic(headers, "requests", RateLimitBudget.REQUESTS, now, remaining, resetIn);
        anthropic(headers, "input-tokens", RateLimitBudget.INPUT_TOKENS, now, remaining, resetIn);
        anthropic(headers, "output-tokens", RateLimitBudget.OUTPUT_TOKENS, now, remaining, resetIn);
        openAi(headers, "requests", RateLimitBudget.REQUESTS, remaining, resetIn);
        openAi(headers, "tokens", RateLimitBudget.INPUT_TOKENS, remaining, resetIn);
        openAi(headers, "tokens", RateLimitBudget.OUTPUT_TOKENS, remaining, resetIn);
        return new Reported(remaining, resetIn);
    }

    private static void anthropic(HttpHeaders headers, String name, RateLimitBudget budget, Instant now,
                                  Map<RateLimitBudget, Long> remaining, Map<RateLimitBudget, Duration> resetIn) {
        Long left = number(headers.getFirst("anthropic-ratelimit-" + name + "-remaining"));
        if (left == null) {
            return;
        }
        remaining.merge(budget, left, Math::min);
        String reset = headers.getFirst("anthropic-ratelimit-" + name + "-reset");
        if (reset != null) {
            try {
                Duration until = Duration.between(now, Instant.parse(reset.trim()));
                resetIn.put(budget, until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException ignored) {
                // a reset we cannot read only costs the health display its "resets in"
            }
        }
    }

    private static void openAi(HttpHeaders headers, String name, RateLimitBudget budget,
                               Map<RateLimitBudget, Long> remaining, Map<RateLimitBudget, Duration> resetIn) {
        Long left = number(headers.getFirst("x-ratelimit-remaining-" + name));
        if (left == null) {
            return;
        }
        remaining.merge(budget, left, Math::min);
        Duration reset = goDuration(headers.getFirst("x-ratelimit-reset-" + name));
        if (reset != null) {
            resetIn.put(budget, reset);
        }
    }

    private static @Nullable Long number(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's duration format as OpenAI sends it: {@code 1s}, {@code 6m0s}, {@code 1.5s}, {@code 20ms}. */
    static @Nullable Duration goDuration(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher part = GO_DURATION.matcher(value.trim());
        double millis = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                default -> amount;
            };
            end = part.end();
        }
        return end == value.trim().length() && end > 0 ? Duration.ofMillis((long) millis) : null;
    }
}

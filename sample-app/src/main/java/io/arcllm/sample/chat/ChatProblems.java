package io.arcllm.sample.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.ArcLlmValidationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The table behind {@link ChatProblemHandler}: one row per exception type, saying the status, the
 * problem {@code type} (after {@code urn:arcllm:problem:}), the title, the {@code detail} in plain words,
 * any extra members, and the level at which the full exception is logged. A subclass without a row of its
 * own uses its nearest ancestor's, so {@link ArcLlmTimeoutException} (504) is listed beside
 * {@link ArcLlmTransportException} (502). To answer a new exception, add a row.
 */
final class ChatProblems {

    /**
     * One mapping.
     *
     * @param log the level for the server log line; 4xx rows log at DEBUG, upstream failures at WARN
     */
    record Row<E extends Throwable>(Class<E> exception, HttpStatusCode status, String type, String title,
                                    Function<E, String> detail, BiConsumer<E, ProblemDetail> members, Level log) {

        ProblemDetail problem(Throwable error) {
            E e = exception.cast(error);
            ProblemDetail problem = ChatProblemHandler.problem(status, type, title, detail.apply(e));
            members.accept(e, problem);
            return problem;
        }
    }

    private static final int MAX_DETAIL = 300;
    private static final Map<Class<?>, Row<?>> ROWS = new LinkedHashMap<>();

    static {
        add(new Row<>(InvalidChatRequestException.class, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid chat request",
                Throwable::getMessage, (e, p) -> member(p, "field", e.field()), Level.DEBUG));
        add(new Row<>(ArcLlmValidationException.class, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid chat request",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> member(p, "field", e.field()), Level.DEBUG));
        // Signalled by an adapter for a request its provider's format cannot express; nothing was sent.
        add(new Row<>(IllegalArgumentException.class, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid chat request",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> { }, Level.DEBUG));
        add(new Row<>(UnknownProviderException.class, HttpStatus.NOT_FOUND, "unknown-provider", "Unknown provider",
                Throwable::getMessage, (e, p) -> {
                    p.setProperty("provider", Excerpt.cut(e.provider()));
                    p.setProperty("knownProviders", e.known().stream().sorted().toList());
                }, Level.DEBUG));
        add(new Row<>(ArcLlmApiException.class, HttpStatus.BAD_GATEWAY, "upstream-api-error", "Upstream provider error",
                e -> "provider '" + e.provider() + "' answered HTTP " + e.statusCode()
                        + " and the configured modules (retry, fallback) gave up. Upstream said: " + excerpt(e.body()),
                (e, p) -> {
                    p.setProperty("provider", e.provider());
                    p.setProperty("upstreamStatus", e.statusCode());
                    e.retryAfter().ifPresent(wait -> p.setProperty("retryAfterSeconds", Math.max(1, (wait.toMillis() + 999) / 1000)));
                }, Level.WARN));
        // Nothing was sent upstream: this application's own rate limit for the provider refused the call.
        add(new Row<>(ArcLlmRateLimitException.class, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limit reached",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> {
                    p.setProperty("provider", e.provider());
                    p.setProperty("budget", e.budget().id());
                    p.setProperty("retryAfterSeconds", Math.max(1, (e.suggestedWait().toMillis() + 999) / 1000));
                }, Level.DEBUG));
        add(new Row<>(ArcLlmTimeoutException.class, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream provider timed out",
                e -> e.getMessage() + " (see arcllm.providers." + e.provider() + ".connect-timeout / read-timeout)",
                (e, p) -> {
                    p.setProperty("provider", e.provider());
                    p.setProperty("timeoutMillis", e.timeout().toMillis());
                }, Level.WARN));
        // The message names the provider and the kind of failure; the address is only in the cause, in the log.
        add(new Row<>(ArcLlmTransportException.class, HttpStatus.BAD_GATEWAY, "upstream-unreachable", "Upstream provider unreachable",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> {
                    p.setProperty("provider", e.provider());
                    p.setProperty("failure", e.failure().name().toLowerCase(java.util.Locale.ROOT));
                }, Level.WARN));
        add(new Row<>(ArcLlmParseException.class, HttpStatus.BAD_GATEWAY, "upstream-unreadable", "Unreadable upstream answer",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> { }, Level.WARN));
        add(new Row<>(ArcLlmConfigException.class, HttpStatus.INTERNAL_SERVER_ERROR, "configuration-error", "ArcLLM configuration error",
                e -> Excerpt.truncate(e.getMessage(), MAX_DETAIL), (e, p) -> { }, Level.ERROR));
    }

    private ChatProblems() {
    }

    private static void add(Row<?> row) {
        ROWS.put(row.exception(), row);
    }

    /** The row for {@code error}'s class or its nearest ancestor with a row; null if none. */
    static @Nullable Row<?> find(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            Row<?> row = ROWS.get(type);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private static void member(ProblemDetail problem, String name, @Nullable Object value) {
        if (value != null) {
            problem.setProperty(name, value);
        }
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "... (" + body.length() + " chars)";
    }
}

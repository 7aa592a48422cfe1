package io.arcllm.sample.chat;

import java.net.URI;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as an RFC 9457 problem detail ({@code application/problem+json}), never with a
 * stack trace. ArcLLM's exceptions map to gateway statuses: an upstream API error after the modules
 * gave up is 502 with {@code provider} and {@code upstreamStatus}; an unreachable or unreadable upstream
 * is 502; a timeout 504; a configuration problem 500. An invalid body is 400, an unknown provider id
 * 404. Spring's own web errors (415, 405, ...) get problem details from the base class. Details are
 * bounded excerpts: never an API key (ArcLLM's messages never contain one) and never a whole upstream body.
 */
@RestControllerAdvice
final class ChatProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatProblemHandler.class);
    private static final String TYPE_PREFIX = "urn:arcllm:problem:";
    private static final int MAX_DETAIL = 300;

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidChatRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid chat request", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownProvider(UnknownProviderException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-provider", "Unknown provider", e.getMessage());
        problem.setProperty("provider", e.provider());
        problem.setProperty("knownProviders", e.known().stream().sorted().toList());
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> upstreamApiError(ArcLlmApiException e) {
        log.warn("502 for /api/chat: {}", truncate(e.getMessage()));
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "upstream-api-error", "Upstream provider error",
                "provider '" + e.provider() + "' answered HTTP " + e.statusCode()
                        + " and the configured modules (retry, fallback) gave up. Upstream said: " + excerpt(e.body()));
        problem.setProperty("provider", e.provider());
        problem.setProperty("upstreamStatus", e.statusCode());
        e.retryAfter().ifPresent(wait -> problem.setProperty("retryAfterSeconds", Math.max(1, (wait.toMillis() + 999) / 1000)));
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> upstreamTimeout(ArcLlmTimeoutException e) {
        log.warn("504 for /api/chat: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream provider timed out",
                e.getMessage() + " (see arcllm.providers." + e.provider() + ".connect-timeout / read-timeout)");
        problem.setProperty("provider", e.provider());
        problem.setProperty("timeoutMillis", e.timeout().toMillis());
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> upstreamUnreachable(ArcLlmTransportException e) {
        log.warn("502 for /api/chat: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "upstream-unreachable", "Upstream provider unreachable",
                truncate(e.getMessage()));
        problem.setProperty("provider", e.provider());
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> upstreamUnreadable(ArcLlmParseException e) {
        log.warn("502 for /api/chat: {}", truncate(e.getMessage()));
        return answer(problem(HttpStatus.BAD_GATEWAY, "upstream-unreadable", "Unreadable upstream answer",
                truncate(e.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> configuration(ArcLlmConfigException e) {
        log.error("500 for /api/chat, ArcLLM configuration error: {}", e.getMessage());
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "configuration-error", "ArcLLM configuration error",
                truncate(e.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupported(IllegalArgumentException e) {
        // Signalled by an adapter for a request its provider's format cannot express; nothing was sent.
        return answer(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid chat request", truncate(e.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("500 for /api/chat, unexpected error", e);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "an unexpected error occurred; the server log has the details"));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        // Explicit, so a request that accepts text/event-stream (/api/chat/stream) gets JSON, not an event.
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "... (" + body.length() + " chars)";
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}

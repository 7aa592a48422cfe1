package io.arcllm.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Answers every error as an RFC 9457 problem detail, {@code application/problem+json} whatever the
 * request's {@code Accept}, never with a stack trace, a Java class name or an upstream address; values
 * the caller sent are repeated only as short excerpts. The full exception goes to the log.
 * <ul>
 *   <li>ArcLLM's and the chat endpoint's exceptions: one row each in {@link ChatProblems} (400 invalid
 *       request, 404 unknown provider, 502 upstream error, 504 timeout, 500 configuration).</li>
 *   <li>Spring's own web errors (404 no such endpoint, 405, 406, 413, 415, ...): the status Spring chose,
 *       with a type and a plain detail from {@link #SPRING_ERRORS}.</li>
 *   <li>A client that stalls while sending its body: 408, logged at DEBUG.</li>
 *   <li>A client that went away before its answer (an aborted upload, a reset): not a server error.
 *       Logged once at DEBUG and answered 499 (nginx's "client closed request"), which nobody reads but
 *       keeps it out of the 5xx metrics.</li>
 *   <li>Anything else: 500 with a generic detail, logged at ERROR with its stack trace.</li>
 * </ul>
 */
@RestControllerAdvice
final class ChatProblemHandler extends ResponseEntityExceptionHandler {

    /** The status for a request whose client disconnected before the answer. */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final Logger log = LoggerFactory.getLogger(ChatProblemHandler.class);
    private static final String TYPE_PREFIX = "urn:arcllm:problem:";

    /** Spring's web errors by status: type, title and a detail in plain words. */
    private static final Map<Integer, String[]> SPRING_ERRORS = Map.of(
            400, new String[] {"invalid-request", "Invalid request", "the request could not be read"},
            404, new String[] {"not-found", "Not found", "no such endpoint; the chat API is POST /api/chat"},
            405, new String[] {"method-not-allowed", "Method not allowed", "this endpoint does not answer that method; use POST"},
            406, new String[] {"not-acceptable", "Not acceptable",
                    "answers are application/json (errors application/problem+json); send Accept: application/json or leave it out"},
            413, new String[] {"payload-too-large", "Payload too large",
                    "the request body is larger than this server accepts (spring.http.codecs.max-in-memory-size)"},
            415, new String[] {"unsupported-media-type", "Unsupported media type",
                    "send the body as JSON with Content-Type: application/json"});

    /** Answers the exceptions of the {@link ChatProblems} table, clients that went away, and the unexpected. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> handle(Exception e, ServerWebExchange exchange) {
        if (clientWentAway(e)) {
            log.debug("{} {}: the client went away before the answer ({})", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e.toString());
            return answer(problem(HttpStatusCode.valueOf(CLIENT_CLOSED_REQUEST), "client-closed-request",
                    "Client closed request", "the client closed the connection before the answer"), exchange);
        }
        if (clientStalled(e)) {
            log.debug("{} {}: the request body did not arrive in time ({})", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e.toString());
            return answer(problem(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout",
                    "the request body did not arrive in time"), exchange);
        }
        ChatProblems.Row<?> row = ChatProblems.find(e);
        if (row == null && e instanceof ErrorResponse spring) {
            // A Spring web error the base class has no handler for: its status, our body.
            return springProblem(e, spring.getHeaders(), spring.getStatusCode(), exchange);
        }
        if (row == null) {
            log.error("500 for {}, unexpected error", exchange.getRequest().getPath(), e);
            return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "an unexpected error occurred; the server log has the details"), exchange);
        }
        log.atLevel(row.log()).log("{} for {}: {}", row.status().value(), exchange.getRequest().getPath(), e.toString());
        return answer(row.problem(e), exchange);
    }

    /** Spring's own errors: keeps Spring's status and headers (e.g. {@code Allow}), writes our body. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
            @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (clientWentAway(ex)) {
            return Mono.just(ResponseEntity.status(CLIENT_CLOSED_REQUEST).build());
        }
        ResponseEntity<ProblemDetail> answer = springProblem(ex, headers, status, exchange);
        return Mono.just(new ResponseEntity<>(answer.getBody(), answer.getHeaders(), answer.getStatusCode()));
    }

    private ResponseEntity<ProblemDetail> springProblem(Exception ex, @Nullable HttpHeaders headers, HttpStatusCode status,
                                                 ServerWebExchange exchange) {
        String[] row = SPRING_ERRORS.getOrDefault(status.value(), new String[] {"http-" + status.value(),
                status instanceof HttpStatus known ? known.getReasonPhrase() : "Error",
                status.is5xxServerError() ? "the server could not answer this request" : "the request was not accepted"});
        if (status.is5xxServerError()) {
            log.warn("{} for {}: {}", status.value(), exchange.getRequest().getPath(), ex.toString());
        } else {
            log.debug("{} for {}: {}", status.value(), exchange.getRequest().getPath(), ex.toString());
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = problem(status, row[0], row[1], row[2]);
        problem.setInstance(instance(exchange));
        return new ResponseEntity<>(problem, answerHeaders, status);
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** The request path as the problem's {@code instance}, cut to a short length (the path is the caller's). */
    private static URI instance(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (path.length() > Excerpt.MAX_ECHO) {
            path = path.substring(0, Excerpt.MAX_ECHO).replaceAll("[^A-Za-z0-9/._~-]", "") + "...";
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return URI.create("/");
        }
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, ServerWebExchange exchange) {
        problem.setInstance(instance(exchange));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Object retryAfter = problem.getProperties() == null ? null : problem.getProperties().get("retryAfterSeconds");
        if (retryAfter != null && (problem.getStatus() == 429 || problem.getStatus() == 503)) {
            // A wait the caller can act on (local rate limit, open circuit): also as the standard header.
            answer.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return answer.body(problem);
    }

    /**
     * Whether {@code error} says the client stalled while sending its body: Netty's read timeout or Reactor
     * Netty's request timeout ({@code sample.server.read-timeout} / {@code request-timeout}).
     */
    static boolean clientStalled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Reactor Netty's RequestTimeoutException is package-private: recognised by name.
            if (t instanceof ReadTimeoutException || t.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code error} says the client disconnected: Reactor Netty's abort, a reset or closed channel. */
    static boolean clientWentAway(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AbortedException || t instanceof ClosedChannelException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }
}

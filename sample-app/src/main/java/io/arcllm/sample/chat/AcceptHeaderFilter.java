package io.arcllm.sample.chat;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a request whose {@code Accept} header cannot be parsed with a 406 problem detail before any
 * handler runs. Without it, the header is parsed only when the answer is written, after the provider was
 * called, and the caller gets Spring's bare 406.
 */
final class AcceptHeaderFilter implements WebFilter {

    private static final byte[] PROBLEM = ("{\"type\":\"urn:arcllm:problem:not-acceptable\",\"title\":\"Not acceptable\","
            + "\"status\":406,\"detail\":\"the Accept header is not a valid list of media types; send Accept: application/json "
            + "or leave it out\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String accept = String.join(",", exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT));
        if (!accept.isEmpty()) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                ServerHttpResponse response = exchange.getResponse();
                response.setStatusCode(HttpStatus.NOT_ACCEPTABLE);
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                return response.writeWith(Mono.just(response.bufferFactory().wrap(PROBLEM)));
            }
        }
        return chain.filter(exchange);
    }
}

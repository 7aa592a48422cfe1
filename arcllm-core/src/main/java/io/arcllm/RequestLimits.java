package io.arcllm;

import java.io.OutputStream;

import io.arcllm.internal.Checks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upper bounds on what one {@link LlmRequest} may carry, so a careless or hostile caller cannot make a
 * gateway forward 100,000 messages or a 500 MB body to a paid API. Immutable; start from
 * {@link #defaults()} and change a copy with the {@code withX} methods. {@link #check(LlmRequest)}
 * raises {@link ArcLlmValidationException} before anything is sent.
 *
 * <p>Defaults (the providers' own documented limits or below them):
 * {@value #DEFAULT_MAX_MESSAGES} messages, {@value #DEFAULT_MAX_TOOLS} tools and
 * {@value #DEFAULT_MAX_REQUEST_BYTES} bytes (32 MiB) of request JSON.
 *
 * @param maxMessages the most messages a request may hold, at least 1
 * @param maxTools the most tools a request may offer, at least 0
 * @param maxRequestBytes the largest request, measured as the UTF-8 bytes of its JSON form (ArcLLM's
 *     own form, {@code {"messages": [...], ...}}; a provider's body differs by a few percent), at least 1
 */
public record RequestLimits(int maxMessages, int maxTools, long maxRequestBytes) {

    /** Default {@link #maxMessages()}. */
    public static final int DEFAULT_MAX_MESSAGES = 2048;
    /** Default {@link #maxTools()}: OpenAI's limit; Anthropic has none documented. */
    public static final int DEFAULT_MAX_TOOLS = 128;
    /** Default {@link #maxRequestBytes()}: 32 MiB, Anthropic's Messages API request limit. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;

    private static final RequestLimits DEFAULTS =
            new RequestLimits(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_TOOLS, DEFAULT_MAX_REQUEST_BYTES);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** @throws ArcLlmConfigException whose {@link ArcLlmConfigException#property() property} names the limit if one is out of range */
    public RequestLimits {
        if (maxMessages < 1) {
            throw ArcLlmConfigException.of("max-messages", "must be >= 1, was " + maxMessages);
        }
        if (maxTools < 0) {
            throw ArcLlmConfigException.of("max-tools", "must be >= 0, was " + maxTools);
        }
        if (maxRequestBytes < 1) {
            throw ArcLlmConfigException.of("max-request-size", "must be >= 1 byte, was " + maxRequestBytes);
        }
    }

    /** The default limits. */
    public static RequestLimits defaults() {
        return DEFAULTS;
    }

    /** A copy with another {@link #maxMessages()}. */
    public RequestLimits withMaxMessages(int maxMessages) {
        return new RequestLimits(maxMessages, maxTools, maxRequestBytes);
    }

    /** A copy with another {@link #maxTools()}. */
    public RequestLimits withMaxTools(int maxTools) {
        return new RequestLimits(maxMessages, maxTools, maxRequestBytes);
    }

    /** A copy with another {@link #maxRequestBytes()}. */
    public RequestLimits withMaxRequestBytes(long maxRequestBytes) {
        return new RequestLimits(maxMessages, maxTools, maxRequestBytes);
    }

    /**
     * Checks a request against these limits. The size check writes the request's JSON into a counter
     * that stops as soon as the limit is passed, so an oversized request costs at most the limit.
     *
     * @return {@code request}, for chaining
     * @throws ArcLlmValidationException naming {@code messages}, {@code tools} or {@code request} if a
     *     limit is exceeded
     */
    public LlmRequest check(LlmRequest request) {
        if (request.messages().size() > maxMessages) {
            throw new ArcLlmValidationException("messages", "must hold at most " + maxMessages
                    + " messages, has " + request.messages().size());
        }
        if (request.tools().size() > maxTools) {
            throw new ArcLlmValidationException("tools", "must hold at most " + maxTools
                    + " tools, has " + request.tools().size());
        }
        try (SizeLimit counter = new SizeLimit(maxRequestBytes)) {
            MAPPER.writeValue(counter, request);
        } catch (SizeLimit.Exceeded e) {
            throw new ArcLlmValidationException("request", "must be at most " + maxRequestBytes + " bytes of JSON, is larger");
        } catch (RuntimeException e) {
            if (Checks.causedBy(e, SizeLimit.Exceeded.class)) {
                throw new ArcLlmValidationException("request", "must be at most " + maxRequestBytes + " bytes of JSON, is larger");
            }
            throw e;
        }
        return request;
    }

    /** Counts bytes written and fails once there are more than the limit. */
    private static final class SizeLimit extends OutputStream {
        private final long limit;
        private long count;

        SizeLimit(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            add(len);
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new Exceeded();
            }
        }

        @Override
        public void close() {
        }

        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super("size limit exceeded", null, false, false);
            }
        }
    }
}

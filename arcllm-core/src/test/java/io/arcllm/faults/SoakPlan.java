package io.arcllm.faults;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmResponse;

/**
 * The soak's script: for every provider, call and attempt a reproducible outcome drawn from a seeded random
 * source ({@value #FAULT_PERCENT}% faults, spread evenly over eight kinds), served by {@link RawHttpServer}s,
 * and a model of the stack that predicts, from the same script, how each call must end and how many attempts
 * each provider must receive.
 */
final class SoakPlan {

    static final int FAULT_PERCENT = 20;

    /** What one attempt gets. */
    enum Kind {
        OK(0, false), RATE_LIMITED(429, true), SERVER_ERROR(500, true), UNAVAILABLE(503, true), OVERLOADED(529, true),
        RESET(0, true), HANG_UP(0, true), BAD_REQUEST(400, false), INVALID_JSON(0, false);

        final int status;
        final boolean retryable;

        Kind(int status, boolean retryable) {
            this.status = status;
            this.retryable = retryable;
        }
    }

    private static final Kind[] FAULTS = {Kind.RATE_LIMITED, Kind.SERVER_ERROR, Kind.UNAVAILABLE, Kind.OVERLOADED,
            Kind.RESET, Kind.HANG_UP, Kind.BAD_REQUEST, Kind.INVALID_JSON};
    private static final Pattern CALL = Pattern.compile("call-(\\d+)");

    private final long seed;
    /** provider → call → attempts received. */
    private final Map<String, Map<Integer, AtomicInteger>> received = new ConcurrentHashMap<>();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private final AtomicInteger attemptsServed = new AtomicInteger();

    SoakPlan(long seed) {
        this.seed = seed;
    }

    /** The outcome of {@code provider}'s {@code attempt}-th (1-based) attempt of call {@code call}. */
    Kind kind(String provider, int call, int attempt) {
        SplittableRandom random = new SplittableRandom(((seed * 31 + provider.hashCode()) * 31 + call) * 31 + attempt);
        return random.nextInt(100) < FAULT_PERCENT ? FAULTS[random.nextInt(FAULTS.length)] : Kind.OK;
    }

    /** Serves {@code provider}'s side of the script. */
    RawHttpServer.Handler handler(String provider) {
        return (request, reply) -> {
            Matcher call = CALL.matcher(request.bodyText());
            if (!call.find()) {
                reply.json(400, "{\"error\":\"no call id\"}");
                return;
            }
            int id = Integer.parseInt(call.group(1));
            int attempt = received.computeIfAbsent(provider, p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(id, c -> new AtomicInteger()).incrementAndGet();
            Kind kind = kind(provider, id, attempt);
            attemptsServed.incrementAndGet();
            if (kind != Kind.OK) {
                faultsServed.incrementAndGet();
            }
            switch (kind) {
                case OK -> reply.json(200, answer(provider, id));
                case RATE_LIMITED -> reply.respond(429, Map.of("retry-after-ms", "2", "Content-Type", "application/json"),
                        "{\"error\":\"rate limited\"}".getBytes());
                case RESET -> reply.reset();
                case HANG_UP -> reply.hangUp();
                case INVALID_JSON -> reply.json(200, "{\"id\":\"cut");
                default -> reply.json(kind.status, "{\"error\":\"" + kind + "\"}");
            }
        };
    }

    private static String answer(String provider, int call) {
        String text = provider + " answered call-" + call;
        return provider.equals("anthropic")
                ? "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}"
                : "{\"id\":\"chatcmpl\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";
    }

    /** Attempts {@code provider} received for {@code call}. */
    int received(String provider, int call) {
        AtomicInteger count = received.getOrDefault(provider, Map.of()).get(call);
        return count == null ? 0 : count.get();
    }

    /** All attempts served, and how many of them were faults. */
    int attemptsServed() {
        return attemptsServed.get();
    }

    int faultsServed() {
        return faultsServed.get();
    }

    /**
     * How a call must end.
     *
     * @param answeredBy the provider whose answer the caller gets; null when the call fails
     * @param error the kind of the primary's last failure, when the call fails
     */
    record Expected(String answeredBy, Kind error, int primaryAttempts, int fallbackAttempts) {

        /** Whether {@code outcome} (a response or an exception) is what this expects. */
        boolean matches(Object outcome, int call) {
            if (answeredBy != null) {
                return outcome instanceof LlmResponse response
                        && (answeredBy + " answered call-" + call).equals(response.content());
            }
            return switch (error) {
                case RESET, HANG_UP -> outcome instanceof ArcLlmTransportException transport
                        && transport.getClass() == ArcLlmTransportException.class && transport.provider().equals("anthropic");
                case INVALID_JSON -> outcome instanceof ArcLlmParseException;
                default -> outcome instanceof ArcLlmApiException api && api.statusCode() == error.status
                        && api.provider().equals("anthropic");
            };
        }
    }

    /**
     * The model of the stack: primary {@code anthropic}, chain {@code [openai]}, {@code maxRetries} for every
     * provider that has the retry module.
     */
    Expected expect(int call, boolean afterRetries, int maxRetries) {
        int primary = 0;
        int fallback = 0;
        Kind last = null;
        if (!afterRetries) {
            // Retry(Fallback(Adapter)): each round tries the primary, then the fallback (without its own retry).
            for (int round = 0; round <= maxRetries; round++) {
                last = kind("anthropic", call, ++primary);
                if (last == Kind.OK) {
                    return new Expected("anthropic", null, primary, fallback);
                }
                if (kind("openai", call, ++fallback) == Kind.OK) {
                    return new Expected("openai", null, primary, fallback);
                }
                if (!last.retryable) {
                    break;
                }
            }
            return new Expected(null, last, primary, fallback);
        }
        // Fallback(Retry(Adapter)): the primary's retries, then the fallback with its own retries.
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            last = kind("anthropic", call, ++primary);
            if (last == Kind.OK) {
                return new Expected("anthropic", null, primary, fallback);
            }
            if (!last.retryable) {
                break;
            }
        }
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            Kind kind = kind("openai", call, ++fallback);
            if (kind == Kind.OK) {
                return new Expected("openai", null, primary, fallback);
            }
            if (!kind.retryable) {
                break;
            }
        }
        return new Expected(null, last, primary, fallback);
    }
}

package io.arcllm;

import java.util.Objects;

/**
 * A value given to ArcLLM cannot be sent to any provider: a missing or null element, a number that is
 * not finite, an image that is not a supported type or not base64, a tool name a provider would
 * reject, a request over its {@link RequestLimits}. Raised when the value is built or checked, so
 * nothing is ever sent upstream. A gateway answers it with HTTP 400.
 *
 * <p>{@link #field()} names the offending part relative to the value being built, e.g.
 * {@code temperature}, {@code content[2].mediaType}, {@code tools[3].name}; {@link #problem()} says
 * what is wrong and what is expected. The message is the two joined: {@code "temperature must be a
 * finite number >= 0, was Infinity"}. Values shown in the message are cut to a short length and their
 * control characters escaped.
 */
public class ArcLlmValidationException extends ArcLlmException {

    private final String field;
    private final String problem;

    /**
     * @param field the offending field, e.g. {@code messages[0].role}
     * @param problem what is wrong, starting with a verb: {@code "must not be null"}
     */
    public ArcLlmValidationException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + " " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
        this.problem = problem;
    }

    /** The offending field, as a path relative to the value being built, e.g. {@code tools[3].name}. */
    public String field() {
        return field;
    }

    /** What is wrong with the field and what is expected, without the field's name. */
    public String problem() {
        return problem;
    }

    /**
     * The same failure seen from an enclosing value: {@code content[0].source} inside message 2 becomes
     * {@code messages[2].content[0].source} with the parent {@code messages[2]}.
     */
    public ArcLlmValidationException within(String parent) {
        ArcLlmValidationException nested = new ArcLlmValidationException(parent + "." + field, problem);
        nested.initCause(this);
        return nested;
    }
}

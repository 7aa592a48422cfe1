package io.arcllm.internal.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads numbers without Jackson's lenient coercions, whatever the mapper's settings: no strings, no
 * booleans, no fraction where an integer is wanted, no value outside the target's range. A failure is
 * a Jackson input mismatch whose message says what was expected, in plain words.
 */
public abstract sealed class StrictNumberDeserializer<T extends Number> extends ValueDeserializer<T> {

    /** An {@code Integer} from a JSON integer in int range. */
    public static final class IntegerValue extends StrictNumberDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return ctxt.reportInputMismatch(this, "expected a whole number, got %s", describe(p));
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                return ctxt.reportInputMismatch(this, "expected a whole number up to %d, got a larger one", Integer.MAX_VALUE);
            }
            return p.getIntValue();
        }

        @Override
        public Class<?> handledType() {
            return Integer.class;
        }
    }

    /** A finite {@code Double} from a JSON number. */
    public static final class DoubleValue extends StrictNumberDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.reportInputMismatch(this, "expected a number, got %s", describe(p));
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                return ctxt.reportInputMismatch(this, "expected a finite number, got one out of range");
            }
            return value;
        }

        @Override
        public Class<?> handledType() {
            return Double.class;
        }
    }

    static String describe(JsonParser p) {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_NUMBER_INT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "something else";
        };
    }
}

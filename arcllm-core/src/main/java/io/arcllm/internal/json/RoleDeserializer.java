package io.arcllm.internal.json;

import java.util.Locale;

import io.arcllm.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@link Role} from its lower-case name only. Jackson's default enum reading would also take
 * a number as the constant's index ({@code "role": 1} as {@code user}).
 */
public final class RoleDeserializer extends ValueDeserializer<Role> {

    private static final String KNOWN = "system, user, assistant, tool";

    @Override
    public Role deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(this, "a role must be a string, one of %s; got %s",
                    KNOWN, StrictNumberDeserializer.describe(p).replace("a fraction", "a number"));
        }
        String text = p.getString();
        for (Role role : Role.values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(text)) {
                return role;
            }
        }
        return (Role) ctxt.handleWeirdStringValue(Role.class, text, "not one of the values accepted: [%s]", KNOWN);
    }

    @Override
    public Class<?> handledType() {
        return Role.class;
    }
}

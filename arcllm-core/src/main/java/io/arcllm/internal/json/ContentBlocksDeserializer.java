package io.arcllm.internal.json;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ContentBlock;
import io.arcllm.TextBlock;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads content given as a string (one {@link TextBlock}) or as an array of typed blocks. Anything
 * else, and a null element in the array, is rejected with a message saying what was expected.
 */
public final class ContentBlocksDeserializer extends ValueDeserializer<List<ContentBlock>> {

    @Override
    public List<ContentBlock> deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return List.of(new TextBlock(p.getString()));
        }
        if (token != JsonToken.START_ARRAY) {
            return ctxt.reportInputMismatch(this,
                    "content must be a string or an array of content blocks, was %s", describe(token));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = blocks.size();
            if (token == JsonToken.VALUE_NULL) {
                ctxt.reportInputMismatch(this, "content block #%d must not be null", index);
            }
            try {
                blocks.add(ctxt.readValue(p, ContentBlock.class));
            } catch (JacksonException e) {
                throw e.prependPath(blocks, index);
            }
        }
        return blocks;
    }

    @Override
    public Class<?> handledType() {
        return List.class;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(token);
        };
    }
}

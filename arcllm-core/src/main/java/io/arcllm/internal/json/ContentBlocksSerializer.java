package io.arcllm.internal.json;

import java.util.List;

import io.arcllm.ContentBlock;
import io.arcllm.TextBlock;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a list of content blocks as a plain string when it is exactly one text block, otherwise
 * as an array of typed blocks ({@code {"type": "text", ...}}).
 */
public final class ContentBlocksSerializer extends ValueSerializer<List<ContentBlock>> {

    @Override
    public void serialize(List<ContentBlock> blocks, JsonGenerator gen, SerializationContext ctxt)
            throws JacksonException {
        if (blocks.size() == 1 && blocks.get(0) instanceof TextBlock text) {
            gen.writeString(text.text());
            return;
        }
        gen.writeStartArray(blocks, blocks.size());
        for (ContentBlock block : blocks) {
            // "typed" so the block's "type" discriminator (declared on ContentBlock) is written.
            ctxt.findTypedValueSerializer(block.getClass(), true).serialize(block, gen, ctxt);
        }
        gen.writeEndArray();
    }

    @Override
    public boolean isEmpty(SerializationContext ctxt, List<ContentBlock> blocks) {
        return blocks == null || blocks.isEmpty();
    }
}

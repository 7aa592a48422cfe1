package io.arcllm.internal.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Marks a {@code List<ContentBlock>} record component whose JSON form is either a string (one
 * text block) or an array of blocks: {@code "content": "hi"} or
 * {@code "content": [{"type": "text", "text": "hi"}, ...]}. Written as a string exactly when the
 * list is one text block. See {@link ContentBlocksSerializer} and {@link ContentBlocksDeserializer}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = ContentBlocksSerializer.class)
@JsonDeserialize(using = ContentBlocksDeserializer.class)
public @interface StringOrBlocks {
}

package io.arcllm.internal.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Marks an {@code Integer} record component that JSON input must give as a JSON integer: a string
 * ({@code "50"}) or a fraction ({@code 1.9}) is rejected instead of being coerced (Jackson's default
 * would send {@code 1.9} on as 1). See {@link StrictNumberDeserializer}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonDeserialize(using = StrictNumberDeserializer.IntegerValue.class)
public @interface StrictInteger {
}

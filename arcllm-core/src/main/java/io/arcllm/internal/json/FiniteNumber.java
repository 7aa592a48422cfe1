package io.arcllm.internal.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Marks a {@code Double} record component that JSON input must give as a finite JSON number: a string
 * ({@code "0.5"}, {@code "Infinity"}) or a number too large for a double ({@code 1e309}) is rejected.
 * See {@link StrictNumberDeserializer}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonDeserialize(using = StrictNumberDeserializer.DoubleValue.class)
public @interface FiniteNumber {
}

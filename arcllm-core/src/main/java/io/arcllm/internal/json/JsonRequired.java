package io.arcllm.internal.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Marks a record component that JSON input must provide, with a non-null value and, for a
 * collection, without null elements. Jackson then rejects bad input with a message naming the
 * property ({@code Missing required creator property 'role'}, {@code Invalid `null` value
 * encountered for property "text"}) instead of the record constructor's bare
 * {@link NullPointerException}.
 *
 * <p>A Jackson annotation bundle: {@code @JsonProperty(required = true)} plus
 * {@code @JsonSetter(nulls = FAIL, contentNulls = FAIL)}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonProperty(required = true)
@JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL)
public @interface JsonRequired {
}

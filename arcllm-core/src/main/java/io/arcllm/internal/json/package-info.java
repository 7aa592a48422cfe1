/**
 * Jackson support for the core types' JSON form (DESIGN.md §2). Internal: not API, may change
 * without notice.
 *
 * <p>The public types carry the annotations themselves, so any Jackson 3 mapper (a plain
 * {@code JsonMapper.builder().build()}, {@code new ObjectMapper()} or Spring Boot's
 * auto-configured one) reads and writes them without registering a module. This package holds
 * only what annotations alone cannot say: the "string or list of blocks" content form and a
 * shorthand for required properties.
 */
package io.arcllm.internal.json;

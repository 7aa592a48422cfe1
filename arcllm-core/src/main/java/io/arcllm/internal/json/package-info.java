/**
 * Jackson support for the core types' JSON form (DESIGN.md §2). Internal: not API, may change
 * without notice.
 *
 * <p>The public types carry the annotations themselves, so any Jackson 3 mapper (a plain
 * {@code JsonMapper.builder().build()}, {@code new ObjectMapper()} or Spring Boot's
 * auto-configured one) reads and writes them without registering a module. This package holds
 * only what annotations alone cannot say: the "string or list of blocks" content form and a
 * shorthand for required properties.
 *
 * <p>Choices the annotations encode, the same on every type:
 * <ul>
 *   <li>Unknown properties are ignored when reading (so a type can be read out of a larger object,
 *       such as a chat request body with a {@code "provider"} field, and older readers accept newer
 *       JSON); an unknown content-block {@code "type"} or enum value is still an error.</li>
 *   <li>Required properties must be present and non-null; optional ones take the constructor's
 *       defaults (empty lists and maps, null numbers).</li>
 *   <li>Nothing is coerced that a provider would misread, whatever the mapper's settings: a role is a
 *       lower-case string ({@link io.arcllm.internal.json.RoleDeserializer}), {@code maxTokens} a JSON
 *       integer ({@link io.arcllm.internal.json.StrictInteger}), {@code temperature} a finite JSON number
 *       ({@link io.arcllm.internal.json.FiniteNumber}). The records' constructors then validate the values
 *       ({@link io.arcllm.ArcLlmValidationException}, wrapped by Jackson as the cause of its exception).</li>
 *   <li>The written form is fixed: nulls and map entries with null values are written whatever the
 *       application's default inclusion ({@code spring.jackson.default-property-inclusion}) says,
 *       so {@code non_null}/{@code non_empty}/{@code non_default} cannot turn a
 *       {@code temperature} of 0 into "provider default" or drop a tool argument. The one
 *       exception is a tool result's {@code isError}, written only when true.</li>
 * </ul>
 */
package io.arcllm.internal.json;

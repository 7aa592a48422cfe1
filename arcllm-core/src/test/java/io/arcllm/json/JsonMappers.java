package io.arcllm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Named;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mappers the core types must work with, none of them with an ArcLLM module registered: plain
 * Jackson 3 defaults, and the settings Spring Boot 4's {@code JacksonAutoConfiguration} applies
 * (core cannot depend on Spring Boot, so they are mirrored here), with and without the
 * {@code spring.jackson.*} switches users commonly flip.
 */
final class JsonMappers {

    private JsonMappers() {
    }

    /** {@code JsonMapper.builder().build()}: Jackson 3 defaults, no modules. */
    static JsonMapper plain() {
        return JsonMapper.builder().build();
    }

    /** What Spring Boot's auto-configured {@code JsonMapper} changes from the Jackson 3 defaults. */
    static JsonMapper springBootDefaults() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .build();
    }

    /** Spring Boot with {@code spring.jackson.use-jackson2-defaults=true}. */
    static JsonMapper springBootWithJackson2Defaults() {
        return springBootDefaults().rebuild().configureForJackson2().build();
    }

    /** Spring Boot with {@code spring.jackson.default-property-inclusion=<inclusion>}. */
    static JsonMapper springBootWithInclusion(JsonInclude.Include inclusion) {
        return springBootDefaults().rebuild()
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(inclusion).withContentInclusion(inclusion))
                .build();
    }

    /** Every mapper above plus {@code new ObjectMapper()}, named for test reports; built once, they are immutable. */
    static Stream<Named<ObjectMapper>> all() {
        return ALL.stream();
    }

    private static final List<Named<ObjectMapper>> ALL = List.of(
            Named.of("JsonMapper.builder().build()", plain()),
            Named.of("new ObjectMapper()", new ObjectMapper()),
            Named.of("Spring Boot defaults", springBootDefaults()),
            Named.of("Spring Boot, Jackson 2 defaults", springBootWithJackson2Defaults()),
            Named.of("Spring Boot, non_null inclusion", springBootWithInclusion(JsonInclude.Include.NON_NULL)),
            Named.of("Spring Boot, non_empty inclusion", springBootWithInclusion(JsonInclude.Include.NON_EMPTY)),
            Named.of("Spring Boot, non_default inclusion", springBootWithInclusion(JsonInclude.Include.NON_DEFAULT)));

    /** Asserts that two JSON texts are the same JSON value (object member order aside). */
    static void assertSameJson(String actual, String expected) {
        JsonMapper mapper = plain();
        assertThat(mapper.readTree(actual)).as(actual).isEqualTo(mapper.readTree(expected));
    }
}

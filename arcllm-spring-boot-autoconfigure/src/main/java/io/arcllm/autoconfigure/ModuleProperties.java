package io.arcllm.autoconfigure;

import java.util.function.UnaryOperator;

import io.arcllm.config.ModuleKind;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ArcLlmPropertiesMapper} needs from a module's properties class: the same class binds
 * {@code arcllm.modules.<m>} (global) and {@code arcllm.providers.<id>.modules.<m>} (override), every field
 * nullable, unset meaning "inherit" (globally: the core's default).
 *
 * @param <B> the builder of the module's settings record
 */
interface ModuleProperties<B> {

    /** The module these properties configure. */
    ModuleKind<?, B> kind();

    /** The {@code enabled} property, or null when unset. */
    @Nullable Boolean getEnabled();

    /**
     * The settings that are set, as changes to a builder, over a snapshot of the values now (later changes to
     * this bean do not leak in); null when no setting is set.
     */
    @Nullable UnaryOperator<B> changes();
}

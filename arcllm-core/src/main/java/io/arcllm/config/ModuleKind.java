package io.arcllm.config;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Describes one module to the configuration: its name, its settings record's defaults, whether it is on
 * when nothing says otherwise, and how its settings are changed (through the record's builder). Each
 * settings record declares one constant, e.g. {@link RetryConfig#KIND}; {@link ModuleDefaults},
 * {@link LoadOptions} and {@link ModuleResolution} are keyed by it, so a new module needs no change there.
 * Compared by identity.
 *
 * @param <C> the settings record, e.g. {@link RetryConfig}
 * @param <B> its builder, e.g. {@link RetryConfig.Builder}
 */
public final class ModuleKind<C, B> {

    private static final Set<ModuleKind<?, ?>> ALL = new CopyOnWriteArraySet<>();

    private final String name;
    private final boolean enabledByDefault;
    private final C defaults;
    private final Function<? super C, ? extends B> toBuilder;
    private final Function<? super B, ? extends C> build;

    private ModuleKind(String name, boolean enabledByDefault, C defaults, Function<? super C, ? extends B> toBuilder,
                       Function<? super B, ? extends C> build) {
        this.name = Objects.requireNonNull(name, "name");
        this.enabledByDefault = enabledByDefault;
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.toBuilder = Objects.requireNonNull(toBuilder, "toBuilder");
        this.build = Objects.requireNonNull(build, "build");
    }

    /**
     * Describes a module.
     *
     * @param name the module's name, as in {@code arcllm.modules.<name>}
     * @param enabledByDefault whether providers get the module when neither the global settings nor an override say
     * @param defaults the settings used when none are configured
     * @param toBuilder a builder pre-filled with settings, e.g. {@code RetryConfig::toBuilder}
     * @param build builds (and validates) settings, e.g. {@code RetryConfig.Builder::build}
     */
    public static <C, B> ModuleKind<C, B> of(String name, boolean enabledByDefault, C defaults,
                                             Function<? super C, ? extends B> toBuilder,
                                             Function<? super B, ? extends C> build) {
        ModuleKind<C, B> kind = new ModuleKind<>(name, enabledByDefault, defaults, toBuilder, build);
        ALL.add(kind);
        return kind;
    }

    /** Every module described so far (a kind is described when its settings class is initialized). */
    static Set<ModuleKind<?, ?>> all() {
        return ALL;
    }

    /** The module's name, e.g. {@code "retry"}. */
    public String name() {
        return name;
    }

    /** Whether the module is on when nothing configures it. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The settings used when none are configured. */
    public C defaults() {
        return defaults;
    }

    /**
     * {@code base} with {@code changes} applied through a builder.
     *
     * @throws io.arcllm.ArcLlmConfigException if the result is invalid
     */
    public C change(C base, UnaryOperator<B> changes) {
        B builder = toBuilder.apply(base);
        B changed = changes.apply(builder);
        return build.apply(changed == null ? builder : changed);
    }

    @Override
    public String toString() {
        return name;
    }
}

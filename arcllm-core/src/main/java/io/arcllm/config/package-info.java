/**
 * Configuration values: a provider's {@link io.arcllm.config.ProviderSettings} (with its
 * {@link io.arcllm.config.ConnectionSettings}) and the
 * {@link io.arcllm.config.ProviderCatalog} of them; one immutable settings record per module
 * ({@link io.arcllm.config.RetryConfig}, {@link io.arcllm.config.FallbackConfig},
 * {@link io.arcllm.config.CircuitBreakerConfig}, {@link io.arcllm.config.RateLimitConfig},
 * {@link io.arcllm.config.TelemetryConfig}), each naming its module with a {@link io.arcllm.config.ModuleKind};
 * and the levels they are merged from: global {@link io.arcllm.config.ModuleDefaults}, a provider's or a
 * load's {@link io.arcllm.config.LoadOptions} ({@link io.arcllm.config.ModuleOverride} per module), resolved
 * into a {@link io.arcllm.config.ModuleResolution}.
 *
 * <p>Supported API. Every value here is immutable and thread-safe, and validates itself when built: a bad
 * value throws {@link io.arcllm.ArcLlmConfigException} naming the setting
 * ({@link io.arcllm.ArcLlmConfigException#property()}, e.g. {@code max-retries}).
 */
package io.arcllm.config;

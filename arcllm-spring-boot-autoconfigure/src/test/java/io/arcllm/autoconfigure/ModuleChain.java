package io.arcllm.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arcllm.LlmProvider;
import io.arcllm.internal.ProviderHandle;
import io.arcllm.module.BaseModule;

/** Walks a provider's module stack through {@link BaseModule#inner()}, outermost first. */
final class ModuleChain {

    private ModuleChain() {
    }

    /** Every layer, from {@code top} down to the adapter (or application bean) at the bottom; handles are seen through. */
    static List<LlmProvider> layers(LlmProvider top) {
        List<LlmProvider> layers = new ArrayList<>();
        LlmProvider current = ProviderHandle.unwrap(top);
        layers.add(current);
        while (current instanceof BaseModule module) {
            current = ProviderHandle.unwrap(module.inner());
            layers.add(current);
        }
        return layers;
    }

    /** The layers' simple class names, e.g. {@code [RetryModule, FallbackModule, AnthropicAdapter]}. */
    static List<String> names(LlmProvider top) {
        return layers(top).stream().map(layer -> layer.getClass().getSimpleName()).toList();
    }

    /** The first layer of this type. */
    static <T> Optional<T> find(LlmProvider top, Class<T> type) {
        return layers(top).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The bottom layer: the adapter or the application's own provider. */
    static LlmProvider bottom(LlmProvider top) {
        List<LlmProvider> layers = layers(top);
        return layers.get(layers.size() - 1);
    }
}

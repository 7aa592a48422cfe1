package io.arcllm.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.arcllm.ArcLlmConfigException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Fails at startup on a key under {@code arcllm.modules} or {@code arcllm.providers.<id>.modules} that names no
 * module (say {@code arcllm.modules.retyr.max-retries}), which binding alone would ignore. Reads the property
 * names element by element.
 */
final class ModuleNames {

    private ModuleNames() {
    }

    /** @throws ArcLlmConfigException naming the first key whose module is unknown */
    static void requireKnown(Environment environment) {
        Set<String> known = new TreeSet<>();
        new ModulesProperties().all().forEach(module -> known.add(module.kind().name()));
        known.add(io.arcllm.config.RateLimitConfig.KIND.name());
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().forEach(name -> check(name, known));
            }
        }
    }

    private static void check(ConfigurationPropertyName name, Set<String> known) {
        int module = moduleElement(name);
        if (module >= 0 && module < name.getNumberOfElements()) {
            String given = name.getElement(module, Form.DASHED);
            if (!known.contains(given)) {
                throw ArcLlmConfigException.of(name.toString(), "names unknown module '" + given + "'; known modules: "
                        + String.join(", ", known));
            }
        }
    }

    private static int moduleElement(ConfigurationPropertyName name) {
        List<String> path = java.util.stream.IntStream.range(0, Math.min(4, name.getNumberOfElements()))
                .mapToObj(i -> name.getElement(i, Form.DASHED)).toList();
        if (path.size() >= 2 && path.get(0).equals("arcllm") && path.get(1).equals("modules")) {
            return 2;
        }
        if (path.size() >= 4 && path.get(0).equals("arcllm") && path.get(1).equals("providers") && path.get(3).equals("modules")) {
            return 4;
        }
        return -1;
    }
}

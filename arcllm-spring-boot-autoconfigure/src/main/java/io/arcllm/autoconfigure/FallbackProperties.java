package io.arcllm.autoconfigure;

import java.util.List;
import java.util.function.UnaryOperator;

import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ModuleKind;
import org.springframework.boot.context.properties.PropertyMapper;

/** {@code arcllm.modules.fallback.*} and {@code arcllm.providers.<id>.modules.fallback.*}; unset values inherit. */
public class FallbackProperties implements ModuleProperties<FallbackConfig.Builder> {

    /** Whether the fallback module is on; globally default false, per provider unset follows the global flag unless a setting is present. */
    private Boolean enabled;

    /** Provider ids tried in order when a provider fails (at most 10, each once); the failing provider's own id is skipped. */
    private List<String> chain;

    /** Whether the chain is walked only after the primary's retries are exhausted (Fallback(Retry(adapter)) instead of Retry(Fallback(adapter))). */
    private Boolean afterRetries;

    /** Errors that switch to the chain: any (every error), or a list of HTTP status codes and the words transport (connection failures) and timeout, e.g. [429, 500, 502, 503, 529, transport, timeout] to keep a 400 caused by the request from being hidden by a fallback. */
    private List<String> on;

    @Override
    public ModuleKind<?, FallbackConfig.Builder> kind() {
        return FallbackConfig.KIND;
    }

    @Override
    public UnaryOperator<FallbackConfig.Builder> changes() {
        if (chain == null && afterRetries == null && on == null) {
            return null;
        }
        List<String> ids = chain == null ? null : List.copyOf(chain);
        Boolean after = afterRetries;
        List<String> triggers = on == null ? null : List.copyOf(on);
        return builder -> {
            PropertyMapper map = PropertyMapper.get();
            map.from(ids).to(builder::chain);
            map.from(after).to(builder::afterRetries);
            map.from(triggers).to(builder::on);
            return builder;
        };
    }

    @Override
    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getChain() {
        return chain;
    }

    public void setChain(List<String> chain) {
        this.chain = chain;
    }

    public Boolean getAfterRetries() {
        return afterRetries;
    }

    public void setAfterRetries(Boolean afterRetries) {
        this.afterRetries = afterRetries;
    }

    public List<String> getOn() {
        return on;
    }

    public void setOn(List<String> on) {
        this.on = on;
    }
}

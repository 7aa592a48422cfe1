package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import io.arcllm.config.ModuleKind;
import io.arcllm.config.RetryConfig;
import org.springframework.boot.context.properties.PropertyMapper;

/** {@code arcllm.modules.retry.*} and {@code arcllm.providers.<id>.modules.retry.*}; unset values inherit. */
public class RetryProperties implements ModuleProperties<RetryConfig.Builder> {

    /** Whether the retry module is on; globally default false, per provider unset follows the global flag unless a setting is present. */
    private Boolean enabled;

    /** How many times a failed call is repeated; 0 means one attempt only. */
    private Integer maxRetries;

    /** Wait before the first retry, doubled for each further retry, plus random jitter up to the same amount. */
    private Duration backoffBase;

    /** Longest wait between two attempts, whatever the backoff or the provider's Retry-After says. */
    private Duration maxWait;

    /** HTTP statuses that are retried; connection failures and timeouts are always retried. */
    private List<Integer> retryableStatusCodes;

    /** The provider's retry budget: retries allowed per first attempt over the last 10 seconds, shared by every stack retrying the provider; when spent, a call is not retried (it falls back or fails with its own error). At least 0. Default 0.2. */
    private Double budgetRatio;

    /** The retry budget's floor: retries allowed per second whatever the traffic. At least 0. Default 10. */
    private Integer minRetriesPerSecond;

    @Override
    public ModuleKind<?, RetryConfig.Builder> kind() {
        return RetryConfig.KIND;
    }

    @Override
    public UnaryOperator<RetryConfig.Builder> changes() {
        if (maxRetries == null && backoffBase == null && maxWait == null && retryableStatusCodes == null
                && budgetRatio == null && minRetriesPerSecond == null) {
            return null;
        }
        Integer retries = maxRetries;
        Duration base = backoffBase;
        Duration wait = maxWait;
        List<Integer> codes = retryableStatusCodes == null ? null : List.copyOf(retryableStatusCodes);
        Double ratio = budgetRatio;
        Integer floor = minRetriesPerSecond;
        return builder -> {
            PropertyMapper map = PropertyMapper.get();
            map.from(retries).to(builder::maxRetries);
            map.from(base).to(builder::backoffBase);
            map.from(wait).to(builder::maxWait);
            map.from(codes).to(builder::retryableStatusCodes);
            map.from(ratio).to(builder::budgetRatio);
            map.from(floor).to(builder::minRetriesPerSecond);
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

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getBackoffBase() {
        return backoffBase;
    }

    public void setBackoffBase(Duration backoffBase) {
        this.backoffBase = backoffBase;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public List<Integer> getRetryableStatusCodes() {
        return retryableStatusCodes;
    }

    public void setRetryableStatusCodes(List<Integer> retryableStatusCodes) {
        this.retryableStatusCodes = retryableStatusCodes;
    }

    public Double getBudgetRatio() {
        return budgetRatio;
    }

    public void setBudgetRatio(Double budgetRatio) {
        this.budgetRatio = budgetRatio;
    }

    public Integer getMinRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    public void setMinRetriesPerSecond(Integer minRetriesPerSecond) {
        this.minRetriesPerSecond = minRetriesPerSecond;
    }
}

package io.arcllm.autoconfigure;

import io.arcllm.RequestLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code arcllm.limits.*}: upper bounds on one request, checked by the {@link RequestLimits} bean before
 * anything is sent. Defaults are {@link RequestLimits#defaults()}; they are written out here so the
 * configuration processor can show them (a test keeps them equal).
 */
@ConfigurationProperties("arcllm.limits")
public class ArcLlmLimitsProperties {

    /** The most messages one request may hold. */
    private int maxMessages = 2048;

    /** The most tools one request may offer. */
    private int maxTools = 128;

    /** The largest request, measured as the UTF-8 size of its JSON form (messages, tools and options). */
    private DataSize maxRequestSize = DataSize.ofMegabytes(32);

    public int getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    public int getMaxTools() {
        return maxTools;
    }

    public void setMaxTools(int maxTools) {
        this.maxTools = maxTools;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }
}

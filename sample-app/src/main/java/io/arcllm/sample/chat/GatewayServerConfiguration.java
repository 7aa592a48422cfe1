package io.arcllm.sample.chat;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes connections that stall while sending a request body, which Boot's {@code server.netty.*}
 * properties cannot say: {@code sample.server.read-timeout} (longest pause between two reads of a
 * body, default 10 s) and {@code sample.server.request-timeout} (longest time for a whole body, default
 * 60 s). Connections idle before a request are closed by {@code server.netty.idle-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayServerConfiguration {

    @Bean
    NettyServerCustomizer gatewayTimeouts(@Value("${sample.server.read-timeout:10s}") Duration readTimeout,
                                          @Value("${sample.server.request-timeout:60s}") Duration requestTimeout) {
        return server -> server.readTimeout(readTimeout).requestTimeout(requestTimeout);
    }
}

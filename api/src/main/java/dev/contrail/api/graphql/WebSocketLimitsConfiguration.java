package dev.contrail.api.graphql;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;

/**
 * The GraphQL WebSocket as Boot would make it (path, {@code connection_init} timeout, keep-alive, and the Origin check
 * of {@code spring.graphql.cors.allowed-origins} / {@code allowed-origin-patterns}: same-origin and clients that send
 * no Origin always pass), plus Contrail's bounds on connections and on subscriptions per connection (ADR 0027).
 * Declaring the handler makes Boot's back off; Boot still maps it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSocketLimits.class)
public class WebSocketLimitsConfiguration {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQlHandler, GraphQlProperties properties, GraphQlCorsProperties cors,
                                                    ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers,
                                                    WebSocketLimits limits, MeterRegistry meters) {
        var handler = new LimitedGraphQlWebSocketHandler(graphQlHandler, jsonConverter(customizers),
                properties.getWebsocket().getConnectionInitTimeout(), properties.getWebsocket().getKeepAlive(),
                cors.toCorsConfiguration(), limits.maxConnections());
        Gauge.builder("contrail.graphql.websocket.connections", handler, LimitedGraphQlWebSocketHandler::openConnections)
                .description("GraphQL WebSocket connections open").register(meters);
        return handler;
    }

    @Bean
    SubscriptionsPerConnection subscriptionsPerConnection(WebSocketLimits limits, MeterRegistry meters) {
        var subscriptions = new SubscriptionsPerConnection(limits.maxSubscriptionsPerConnection());
        Gauge.builder("contrail.graphql.subscriptions", subscriptions, SubscriptionsPerConnection::openSubscriptions)
                .description("GraphQL subscriptions running, over all WebSocket connections").register(meters);
        return subscriptions;
    }

    /** The JSON converter Boot gives its own handler. */
    @SuppressWarnings("unchecked")
    private static HttpMessageConverter<Object> jsonConverter(ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers) {
        HttpMessageConverters.ServerBuilder builder = HttpMessageConverters.forServer().registerDefaults();
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        for (HttpMessageConverter<?> converter : builder.build()) {
            if (converter.canRead(Map.class, MediaType.APPLICATION_JSON)) {
                return (HttpMessageConverter<Object>) converter;
            }
        }
        throw new IllegalStateException("No JSON converter for the GraphQL WebSocket");
    }
}

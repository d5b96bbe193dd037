package dev.contrail.api.graphql;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL WebSocket: Spring for GraphQL's WebFlux handler (ADR 0040: no thread per session, non-blocking sends) on
 * the servlet application's Tomcat, at {@code spring.graphql.websocket.path}, with Boot's {@code connection_init}
 * timeout, keep-alive and the Origin check of {@code spring.graphql.cors.allowed-origins} / {@code allowed-origin-patterns}
 * (same-origin and clients that send no Origin always pass), plus Contrail's bounds on connections and on subscriptions
 * per connection (ADR 0027).
 *
 * <p>Boot still declares its WebMVC handler and mapping for the path (they are conditional on the path property only);
 * they are never reached, since {@link GraphQlWebSocketUpgrade} answers every upgrade request of the path first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSocketLimits.class)
public class WebSocketLimitsConfiguration {

    /** After Spring Security's filters (-100), so that the handshake is authenticated as any request. */
    static final int UPGRADE_FILTER_ORDER = 0;

    @Bean
    LimitedGraphQlWebSocketHandler limitedGraphQlWebSocketHandler(WebGraphQlHandler graphQlHandler, GraphQlProperties properties,
                                                                  GraphQlCorsProperties cors, ObjectProvider<JsonMapper> json,
                                                                  WebSocketLimits limits, StalledSends stalledSends, MeterRegistry meters) {
        ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
        json.ifAvailable(mapper -> {
            codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(mapper));
            codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
        });
        var graphQl = new GraphQlWebSocketHandler(graphQlHandler, codecs, properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(), cors.toCorsConfiguration());
        var handler = new LimitedGraphQlWebSocketHandler(graphQl, limits.maxConnections(), stalledSends);
        Gauge.builder("contrail.graphql.websocket.connections", handler, LimitedGraphQlWebSocketHandler::openConnections)
                .description("GraphQL WebSocket connections open").register(meters);
        return handler;
    }

    @Bean
    StalledSends stalledGraphQlWebSocketSends(WebSocketLimits limits, MeterRegistry meters) {
        var stalledSends = new StalledSends(limits.sendTimeout());
        FunctionCounter.builder("contrail.graphql.websocket.stalled", stalledSends, StalledSends::closed)
                .description("GraphQL WebSocket connections closed because their client had not taken a message for the send timeout")
                .register(meters);
        return stalledSends;
    }

    @Bean
    GraphQlWebSocketWarmUp graphQlWebSocketWarmUp(LimitedGraphQlWebSocketHandler handler, GraphQlProperties properties, WebSocketLimits limits) {
        return new GraphQlWebSocketWarmUp(limits.warmUp(), properties.getWebsocket().getPath(), handler);
    }

    @Bean
    FilterRegistrationBean<GraphQlWebSocketUpgrade> graphQlWebSocketUpgrade(LimitedGraphQlWebSocketHandler handler,
                                                                           GraphQlProperties properties, GraphQlCorsProperties cors,
                                                                           DispatcherServletRegistrationBean dispatcherServlet) {
        String path = properties.getWebsocket().getPath();
        if (path == null) {
            throw new IllegalStateException("spring.graphql.websocket.path is not set: the GraphQL WebSocket needs a path");
        }
        var registration = new FilterRegistrationBean<>(new GraphQlWebSocketUpgrade(handler, cors.toCorsConfiguration(), dispatcherServlet.getServletName()));
        registration.addUrlPatterns(path);
        registration.setOrder(UPGRADE_FILTER_ORDER);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    SubscriptionsPerConnection subscriptionsPerConnection(WebSocketLimits limits, MeterRegistry meters) {
        var subscriptions = new SubscriptionsPerConnection(limits.maxSubscriptionsPerConnection());
        Gauge.builder("contrail.graphql.subscriptions", subscriptions, SubscriptionsPerConnection::openSubscriptions)
                .description("GraphQL subscriptions running, over all WebSocket connections").register(meters);
        return subscriptions;
    }
}

package dev.contrail.api.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the GraphQL WebSocket (ADR 0027); its {@code connection_init} timeout, keep-alive and allowed origins are
 * Spring's {@code spring.graphql.websocket.*} and {@code spring.graphql.cors.*}.
 *
 * @param maxConnections                WebSocket connections open at once; one more is closed with 1008 and a reason saying to try again later
 * @param maxSubscriptionsPerConnection operations running at once on one connection (subscriptions, mostly); one more
 *                                      gets a GraphQL error and the connection's others go on
 */
@ConfigurationProperties("contrail.api.websocket")
public record WebSocketLimits(@DefaultValue("500") int maxConnections,
                              @DefaultValue("20") int maxSubscriptionsPerConnection) {
}

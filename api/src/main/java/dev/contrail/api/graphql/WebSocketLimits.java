package dev.contrail.api.graphql;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the GraphQL WebSocket (ADR 0027, 0040); its {@code connection_init} timeout, keep-alive and allowed origins
 * are Spring's {@code spring.graphql.websocket.*} and {@code spring.graphql.cors.*}.
 *
 * @param maxConnections                WebSocket connections open at once; one more is closed with 1008 and a reason saying to try again later
 * @param maxSubscriptionsPerConnection operations running at once on one connection (subscriptions, mostly); one more
 *                                      gets a GraphQL error and the connection's others go on
 * @param sendTimeout                   how long a message may wait to be taken by the client's socket: a connection
 *                                      whose client has stopped reading for that long is closed with 1008, and gives
 *                                      back its subscriptions and its place under {@code maxConnections}
 * @param warmUp                        whether the application opens one GraphQL WebSocket session to itself before it
 *                                      reports ready, so that the first client's handshake does not pay for loading
 *                                      the transport's code (ADR 0040)
 */
@ConfigurationProperties("contrail.api.websocket")
public record WebSocketLimits(@DefaultValue("500") int maxConnections,
                              @DefaultValue("20") int maxSubscriptionsPerConnection,
                              @DefaultValue("20s") Duration sendTimeout,
                              @DefaultValue("true") boolean warmUp) {

    public WebSocketLimits {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("contrail.api.websocket.send-timeout must be positive, was " + sendTimeout);
        }
    }
}

package dev.contrail.api.graphql;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Spring's GraphQL WebSocket handler with a bound on the connections open at once: one more is closed at once with
 * 1008 and the reason "Too many connections (max N); try again later", before it costs anything else (ADR 0027).
 */
final class LimitedGraphQlWebSocketHandler extends GraphQlWebSocketHandler {

    /**
     * Close code of a connection over the limit: 1008 Policy Violation (RFC 6455), with a reason that says to try again
     * later. 1013 Try Again Later would say it better, but it is not in RFC 6455 itself, and Tomcat's client reported
     * it as 1002, a protocol error (ADR 0027).
     */
    static final int POLICY_VIOLATION = 1008;

    private static final String ACCEPTED = LimitedGraphQlWebSocketHandler.class.getName() + ".accepted";

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    LimitedGraphQlWebSocketHandler(WebGraphQlHandler graphQlHandler, HttpMessageConverter<Object> converter, Duration connectionInitTimeout,
                                   Duration keepAlive, CorsConfiguration allowedOrigins, int maxConnections) {
        super(graphQlHandler, converter, connectionInitTimeout, keepAlive, allowedOrigins);
        this.maxConnections = maxConnections;
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            try {
                // At most 123 bytes of reason.
                session.close(new CloseStatus(POLICY_VIOLATION, "Too many connections (max " + maxConnections + "); try again later"));
            } catch (IOException alreadyGone) {
                // Nothing to refuse any more.
            }
            return;
        }
        session.getAttributes().put(ACCEPTED, Boolean.TRUE);
        super.afterConnectionEstablished(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (session.getAttributes().containsKey(ACCEPTED)) {
            super.handleTextMessage(session, message);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().remove(ACCEPTED) != null) {
            open.decrementAndGet();
            super.afterConnectionClosed(session, status);
        }
    }
}

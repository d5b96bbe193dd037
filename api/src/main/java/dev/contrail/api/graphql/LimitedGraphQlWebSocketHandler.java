package dev.contrail.api.graphql;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Spring for GraphQL's WebFlux WebSocket handler with a bound on the connections open at once: one more is closed at
 * once with 1008 and the reason "Too many connections (max N); try again later", before it costs anything else
 * (ADR 0027). The handler sends through {@code session.send(Flux)}, so a session costs no thread of its own (ADR 0040).
 */
final class LimitedGraphQlWebSocketHandler implements WebSocketHandler {

    /**
     * Close code of a connection over the limit: 1008 Policy Violation (RFC 6455), with a reason that says to try again
     * later. 1013 Try Again Later would say it better, but it is not in RFC 6455 itself, and Tomcat's client reported
     * it as 1002, a protocol error (ADR 0027).
     */
    static final int POLICY_VIOLATION = 1008;

    private final WebSocketHandler graphQl;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    LimitedGraphQlWebSocketHandler(WebSocketHandler graphQl, int maxConnections) {
        this.graphQl = graphQl;
        this.maxConnections = maxConnections;
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public List<String> getSubProtocols() {
        return graphQl.getSubProtocols();
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            // At most 123 bytes of reason.
            return session.close(new CloseStatus(POLICY_VIOLATION, "Too many connections (max " + maxConnections + "); try again later"));
        }
        // Counted until the session closes or its handling ends, whichever is seen first.
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.compareAndSet(true, false)) {
                open.decrementAndGet();
            }
        };
        session.closeStatus().doFinally(signal -> release.run()).subscribe();
        return graphQl.handle(session).doFinally(signal -> release.run());
    }
}

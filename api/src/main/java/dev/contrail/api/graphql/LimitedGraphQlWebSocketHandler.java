package dev.contrail.api.graphql;

import io.micrometer.context.ContextSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Spring for GraphQL's WebFlux WebSocket handler with a bound on the connections open at once: one more is closed at
 * once with 1008 and the reason "Too many connections (max N); try again later", before it costs anything else
 * (ADR 0027). The handler sends through {@code session.send(Flux)}, so a session costs no thread of its own, and a
 * connection whose client stops reading is closed after the send timeout ({@link StalledSends}, ADR 0040).
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
    private final StalledSends stalledSends;
    private final AtomicInteger open = new AtomicInteger();

    LimitedGraphQlWebSocketHandler(WebSocketHandler graphQl, int maxConnections, StalledSends stalledSends) {
        this.graphQl = graphQl;
        this.maxConnections = maxConnections;
        this.stalledSends = stalledSends;
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
        // Counted (and its sends watched) until the session closes or its handling ends, whichever is seen first.
        StalledSends.Watch sends = stalledSends.watch(session);
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.compareAndSet(true, false)) {
                sends.release();
                open.decrementAndGet();
            }
        };
        session.closeStatus().doFinally(signal -> release.run()).subscribe();
        return Mono.deferContextual(context -> graphQl.handle(new WatchedSession(session,
                        context.getOrDefault(GraphQlWebSocketUpgrade.HANDSHAKE, null), sends)))
                .doFinally(signal -> release.run());
    }

    /**
     * The session, whose incoming messages are handled with the thread-local values of its handshake (the
     * {@code SecurityContext} among them, captured by {@link GraphQlWebSocketUpgrade}), as Spring for GraphQL's WebMVC
     * handler did: the GraphQL handler captures them from the thread when a message asks for an operation, and its
     * data fetchers run with them. Its outgoing messages are timed by {@link StalledSends}.
     *
     * @param handshake the handshake's thread-local values, or null if there were none to capture
     */
    private record WatchedSession(WebSocketSession session, ContextSnapshot handshake, StalledSends.Watch sends) implements WebSocketSession {

        @Override
        public Mono<Void> send(Publisher<WebSocketMessage> messages) {
            return session.send(sends.timed(messages));
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public HandshakeInfo getHandshakeInfo() {
            return session.getHandshakeInfo();
        }

        @Override
        public DataBufferFactory bufferFactory() {
            return session.bufferFactory();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return session.getAttributes();
        }

        @Override
        public Flux<WebSocketMessage> receive() {
            if (handshake == null) {
                return session.receive();
            }
            return Flux.from(Operators.<WebSocketMessage, WebSocketMessage>lift((scannable, downstream) -> new CoreSubscriber<WebSocketMessage>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    downstream.onSubscribe(subscription);
                }

                @Override
                public void onNext(WebSocketMessage message) {
                    try (ContextSnapshot.Scope scope = handshake.setThreadLocals()) {
                        downstream.onNext(message);
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    downstream.onError(failure);
                }

                @Override
                public void onComplete() {
                    downstream.onComplete();
                }

                @Override
                public Context currentContext() {
                    return downstream.currentContext();
                }
            }).apply(session.receive()));
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public Mono<Void> close(CloseStatus status) {
            return session.close(status);
        }

        @Override
        public Mono<CloseStatus> closeStatus() {
            return session.closeStatus();
        }

        @Override
        public WebSocketMessage textMessage(String payload) {
            return session.textMessage(payload);
        }

        @Override
        public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.binaryMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.pingMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.pongMessage(payloadFactory);
        }
    }
}

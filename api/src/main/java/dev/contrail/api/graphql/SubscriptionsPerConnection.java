package dev.contrail.api.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds the operations running at once on one WebSocket connection (ADR 0027): a subscription counts until it
 * completes, is cancelled ({@code complete} from the client) or its connection closes; a query or mutation until it
 * has answered. One more gets a {@code BAD_REQUEST} GraphQL error naming the limit, and the connection and its other
 * subscriptions go on.
 */
final class SubscriptionsPerConnection implements WebSocketGraphQlInterceptor {

    private final int maxPerConnection;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptions = new AtomicInteger();

    SubscriptionsPerConnection(int maxPerConnection) {
        this.maxPerConnection = maxPerConnection;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest onWebSocket)) {
            return chain.next(request);
        }
        AtomicInteger operations = running.computeIfAbsent(onWebSocket.getSessionInfo().getId(), session -> new AtomicInteger());
        if (operations.incrementAndGet() > maxPerConnection) {
            operations.decrementAndGet();
            return Mono.just(refused(request));
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                operations.decrementAndGet();
            }
        };
        return chain.next(request)
                .map(response -> {
                    if (response.getExecutionResult().getData() instanceof Publisher<?> events) {
                        Flux<?> counted = Flux.from(events)
                                .doOnSubscribe(subscription -> subscriptions.incrementAndGet())
                                .doFinally(signal -> {
                                    subscriptions.decrementAndGet();
                                    end.run();
                                });
                        return response.transform(builder -> builder.data(counted));
                    }
                    end.run();
                    return response;
                })
                .doOnError(failure -> end.run());
    }

    /** Subscriptions running now, over all connections: the gauge {@code contrail.graphql.subscriptions}. */
    int openSubscriptions() {
        return subscriptions.get();
    }

    @Override
    public void handleConnectionClosed(WebSocketSessionInfo session, int statusCode, Map<String, Object> payload) {
        running.remove(session.getId());
    }

    private WebGraphQlResponse refused(WebGraphQlRequest request) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .errorType(ErrorType.BAD_REQUEST)
                        .message("Too many subscriptions on this connection: at most %d run at once "
                                + "(contrail.api.websocket.max-subscriptions-per-connection); complete one first", maxPerConnection)
                        .extensions(Map.of("limit", "max-subscriptions-per-connection", "maximum", maxPerConnection))
                        .build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}

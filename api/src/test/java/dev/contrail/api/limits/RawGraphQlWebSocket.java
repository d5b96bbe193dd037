package dev.contrail.api.limits;

import dev.contrail.api.support.WebSockets;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A real WebSocket client (the JSR-356 one of the embedded Tomcat) that speaks graphql-transport-ws by hand, so that a
 * test sees every message and close code exactly as a client would.
 */
final class RawGraphQlWebSocket extends TextWebSocketHandler implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private WebSocketSession session;

    static RawGraphQlWebSocket connect(String url, String origin) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setSecWebSocketProtocol(List.of("graphql-transport-ws"));
        if (origin != null) {
            headers.setOrigin(origin);
        }
        RawGraphQlWebSocket socket = new RawGraphQlWebSocket();
        socket.session = WebSockets.client().execute(socket, headers, URI.create(url)).get(30, TimeUnit.SECONDS);
        return socket;
    }

    static RawGraphQlWebSocket connect(String url) throws Exception {
        return connect(url, null);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        messages.add(message.getPayload());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        closed.complete(status);
    }

    void send(String json) throws Exception {
        synchronized (this) {
            session.sendMessage(new TextMessage(json));
        }
    }

    /** connection_init, and its acknowledgement. */
    RawGraphQlWebSocket init() throws Exception {
        send("{\"type\":\"connection_init\"}");
        assertThat(next(Duration.ofSeconds(30))).contains("\"connection_ack\"");
        return this;
    }

    void subscribe(String id, String document) throws Exception {
        send("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"payload\":{\"query\":\"" + document.replace("\"", "\\\"") + "\"}}");
    }

    void complete(String id) throws Exception {
        send("{\"type\":\"complete\",\"id\":\"" + id + "\"}");
    }

    /** The next message from the server, or null if none came within the wait. */
    String next(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message about the operation, skipping pings and other operations' messages; null if none came. */
    String nextFor(String id, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message != null && message.contains("\"id\":\"" + id + "\"")) {
                return message;
            }
        }
        return null;
    }

    CloseStatus awaitClosed(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}

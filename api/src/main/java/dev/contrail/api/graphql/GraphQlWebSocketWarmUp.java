package dev.contrail.api.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.web.context.WebApplicationContext;

/**
 * Before the application reports itself ready, opens one GraphQL WebSocket session to itself through the same path a
 * client takes (Spring Security's chain, {@link GraphQlWebSocketUpgrade}, WebFlux's servlet bridge, Tomcat's upgrade,
 * Spring for GraphQL's handler): upgrade, {@code connection_init} and its acknowledgement, one operation
 * ({@code { __typename }}) and its result, close (ADR 0040).
 *
 * <p>The transport's code is otherwise loaded by the first client: ~385 classes (Reactor's operators, the bridge,
 * Tomcat's WebSocket server, the codecs), which took that client's handshake about 1 s on a quiet machine and more than
 * a client's 5 s connect timeout on a loaded one. Readiness (Boot's {@code ACCEPTING_TRAFFIC}) follows the
 * {@link ApplicationReadyEvent} listeners, so a ready application's first client pays what later ones pay. A warm-up
 * that fails (a TLS-only connector, an address this process cannot reach) is logged and changes nothing else.
 */
final class GraphQlWebSocketWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(GraphQlWebSocketWarmUp.class);
    /** For each step; the whole warm-up takes well under a second on a quiet machine. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final boolean enabled;
    private final String path;
    private final LimitedGraphQlWebSocketHandler handler;

    /**
     * @param enabled {@code contrail.api.websocket.warm-up}
     */
    GraphQlWebSocketWarmUp(boolean enabled, String path, LimitedGraphQlWebSocketHandler handler) {
        this.enabled = enabled;
        this.path = path;
        this.handler = handler;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!enabled || !(event.getApplicationContext() instanceof WebServerApplicationContext server) || server.getWebServer() == null
                || server.getWebServer().getPort() <= 0) {
            return;
        }
        String host = event.getApplicationContext().getEnvironment().getProperty("server.address", "localhost");
        String contextPath = server instanceof WebApplicationContext web && web.getServletContext() != null
                ? web.getServletContext().getContextPath() : "";
        URI uri = URI.create("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getWebServer().getPort()
                + contextPath + path);
        long start = System.nanoTime();
        try {
            warmUp(uri);
            log.info("GraphQL WebSocket warmed up in {} ms: one session at {} (upgrade, connection_init, one operation, close)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), uri);
        } catch (Exception failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("GraphQL WebSocket warm-up at {} failed after {} ms; the first client's handshake will load the transport: {}",
                    uri, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), failed.toString());
        }
    }

    private void warmUp(URI uri) throws Exception {
        int openBefore = handler.openConnections();
        Messages messages = new Messages();
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(WAIT)
                .buildAsync(uri, messages).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            socket.sendText("{\"type\":\"connection_init\"}", true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            messages.await("\"connection_ack\"");
            socket.sendText("{\"type\":\"subscribe\",\"id\":\"warm-up\",\"payload\":{\"query\":\"{ __typename }\"}}", true)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            messages.await("\"complete\"");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            messages.closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            socket.abort();
        }
        // The server counts a connection until it has seen it closed: give the place back before clients come.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (handler.openConnections() > openBefore && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** The server's text messages, whole, in order. */
    private static final class Messages implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.add(statusCode);
            return null;
        }

        void await(String type) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (String message; (message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (message.contains(type)) {
                    return;
                }
                if (message.contains("\"error\"")) {
                    throw new IllegalStateException("The warm-up's operation failed: " + message);
                }
            }
            throw new TimeoutException("No " + type + " within " + WAIT);
        }
    }
}

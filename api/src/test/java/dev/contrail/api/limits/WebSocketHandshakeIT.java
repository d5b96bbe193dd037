package dev.contrail.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.api.support.ContrailIntegrationTest;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first client's WebSocket handshake costs about what later ones cost: the transport through WebFlux's servlet
 * bridge (ADR 0040) has been through one whole session (upgrade, {@code connection_init}/{@code connection_ack}, one
 * operation, close) before the application reports itself ready. Without that, the first handshake of a fresh JVM
 * loaded ~385 classes and, on a loaded 2-core machine, outlasted a client's 5 s connect timeout.
 *
 * <p>The client is the JDK's, as the warm-up's is, and it makes one GraphQL request over HTTP first, so that what the
 * first handshake loads is the WebSocket path's and not the client's HTTP stack.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebSocketHandshakeIT extends ContrailIntegrationTest {

    private static final int HANDSHAKES = 8;
    /** Classes that the first client's handshake may still load (the server and this test's client share the JVM). */
    private static final long MAX_CLASSES_LOADED = 60;

    @Test
    void theFirstHandshakeCostsWhatLaterOnesCost() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // The client's own first use (its classes) is not the server's: one plain GraphQL request over HTTP first.
        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(graphQlHttpUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(200);

        List<long[]> timings = new ArrayList<>();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        awaitNoClassLoading(classes);
        long[] loaded = new long[HANDSHAKES];
        for (int i = 0; i < HANDSHAKES; i++) {
            long before = classes.getTotalLoadedClassCount();
            timings.add(handshake(http));
            loaded[i] = classes.getTotalLoadedClassCount() - before;
        }
        StringBuilder report = new StringBuilder("WebSocket handshakes (upgrade ms, connection_init->ack ms, classes loaded):");
        for (int i = 0; i < HANDSHAKES; i++) {
            report.append(" (").append(timings.get(i)[0] / 1_000_000).append(", ").append(timings.get(i)[1] / 1_000_000)
                    .append(", ").append(loaded[i]).append(')');
        }
        System.out.println(report);

        // What a cold path costs is mostly loading and linking its classes (hundreds of them, ~385 before the warm-up):
        // counted, not timed, so that a loaded machine cannot make the test pass or fail.
        assertThat(loaded[0]).as("classes the JVM loaded during the first handshake; " + report).isLessThan(MAX_CLASSES_LOADED);
    }

    /**
     * Until the JVM has loaded no class for half a second (at most a minute): what the application still starts in the
     * background (stream threads, pools) should not be counted against the handshake.
     */
    private static void awaitNoClassLoading(ClassLoadingMXBean classes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long count = classes.getTotalLoadedClassCount();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = classes.getTotalLoadedClassCount();
            if (now == count) {
                return;
            }
            count = now;
        }
    }

    /** Nanoseconds from the request to the open socket, and from connection_init to connection_ack. */
    private long[] handshake(HttpClient http) throws Exception {
        var listener = new FirstMessage();
        long start = System.nanoTime();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphQlWebSocketUrl()), listener).get(60, TimeUnit.SECONDS);
        long open = System.nanoTime();
        socket.sendText("{\"type\":\"connection_init\"}", true).get(60, TimeUnit.SECONDS);
        assertThat(listener.first.get(60, TimeUnit.SECONDS)).contains("connection_ack");
        long acknowledged = System.nanoTime();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(60, TimeUnit.SECONDS);
        return new long[] {open - start, acknowledged - open};
    }

    private static final class FirstMessage implements WebSocket.Listener {
        final CompletableFuture<String> first = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            first.complete(data.toString());
            webSocket.request(1);
            return null;
        }
    }
}

package dev.contrail.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Open GraphQL WebSocket sessions cost the application no thread each (ADR 0040): with {@value #SESSIONS} sessions
 * open, each holding a {@code flightUpdates} subscription and each having received its update, the application's JVM
 * runs about as many threads as with none. (Spring for GraphQL's WebMVC handler started one thread per session.)
 *
 * <p>The clients are the JDK's WebSocket client on one {@link HttpClient} with a fixed pool of two threads, so that
 * they add no thread per session to this JVM either; sessions are opened one after another, so that Tomcat's request
 * pool does not grow for a burst of handshakes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebSocketThreadsIT extends ContrailIntegrationTest {

    private static final int SESSIONS = 200;
    /** Threads the JVM may add meanwhile for other reasons (pools that grow on first use, Kafka, the JIT). */
    private static final int ALLOWANCE = 40;
    private static final String AREA = "{south: -51, west: -31, north: -49, east: -29}";
    private static final String SUBSCRIPTION = "subscription { flightUpdates(within: " + AREA + ") { icao24 groundSpeedMps } }";

    @Autowired
    private LiveFlightUpdates updates;

    @Test
    void sessionsThatEachHoldASubscriptionAddNoThreadEach() throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        List<Session> sessions = new ArrayList<>();
        try {
            // One session first, so that whatever starts on first use (schedulers, the GraphQL engine) is running.
            Session first = open(http, 0);
            first.subscribe();
            awaitSubscribers(1);
            handOver(1);
            first.awaitRound(1);
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            sessions.add(first);

            for (int i = 1; i < SESSIONS; i++) {
                Session session = open(http, i);
                session.subscribe();
                sessions.add(session);
            }
            awaitSubscribers(SESSIONS);
            handOver(2);
            for (Session session : sessions) {
                session.awaitRound(2);
            }
            int after = ManagementFactory.getThreadMXBean().getThreadCount();

            assertThat(after - before)
                    .as("threads added by %d sessions, each with a subscription and its updates (%d before, %d after)", SESSIONS, before, after)
                    .isLessThan(ALLOWANCE);
        } finally {
            sessions.forEach(Session::abort);
            clientThreads.shutdownNow();
        }
    }

    private Session open(HttpClient http, int i) throws Exception {
        var session = new Session();
        session.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphQlWebSocketUrl()), session).get(30, TimeUnit.SECONDS);
        session.socket.sendText("{\"type\":\"connection_init\"}", true).get(30, TimeUnit.SECONDS);
        assertThat(session.ack.get(30, TimeUnit.SECONDS)).as("session %d acknowledged", i).contains("connection_ack");
        return session;
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (updates.subscribers() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(updates.subscribers()).as("subscriptions open").isGreaterThanOrEqualTo(count);
    }

    /** One aircraft over the South Atlantic, in its {@code round}-th state (the round rides in the ground speed). */
    private void handOver(int round) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        updates.acceptAll(List.of(new LiveFlight("e50001", "e50001-" + t0.getEpochSecond(), "THREADS", "Nowhere", -50.0, -30.0,
                10_000.0, 10_100.0, false, (double) round, 90.0, 0.0, "1000", null, t0, t0.plusMillis(round), null, null, false)));
    }

    /** One client session: its acknowledgement and the updates of its subscription, read as they come. */
    private static final class Session implements WebSocket.Listener {
        final CompletableFuture<String> ack = new CompletableFuture<>();
        final BlockingQueue<String> updates = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void subscribe() throws Exception {
            socket.sendText("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"" + SUBSCRIPTION.replace("\"", "\\\"") + "\"}}", true)
                    .get(30, TimeUnit.SECONDS);
        }

        /** Waits for the update of the aircraft's {@code round}-th state. */
        String awaitRound(int round) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = null;
            while ((last == null || !last.contains("\"groundSpeedMps\":" + round)) && System.nanoTime() < deadline) {
                last = updates.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            assertThat(last).as("update of round %d", round).contains("\"groundSpeedMps\":" + round);
            return last;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.contains("connection_ack")) {
                    ack.complete(message);
                } else if (message.contains("\"next\"")) {
                    updates.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        void abort() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}

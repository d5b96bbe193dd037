package dev.contrail.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.ContrailIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A subscriber whose client stops reading holds up neither the projection's hand-over of changes nor a subscriber
 * of the same area that keeps reading (ADR 0030): the fast one gets the latest state of every aircraft while the slow
 * one's socket is full, and the hand-over of tens of thousands of changes does not wait for either.
 *
 * <p>The slow client is the JDK's WebSocket client, which reads from its socket only as its listener asks for
 * messages: it asks for the {@code connection_ack} and nothing more, so the server's sends to it fill the TCP buffers
 * and then wait, as they do for a client on a dead mobile link. Changes are handed straight to the
 * {@link LiveFlightUpdates} of the running application, over the South Atlantic, where no other test's traffic flies.
 *
 * <p>Once one of the server's sends to the slow client has waited {@code contrail.api.websocket.send-timeout}, the
 * server closes that connection (1008): the stalled client gives back its subscription, its connection slot and its
 * socket, and the fast client goes on hearing every change.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestPropertySource(properties = "contrail.api.websocket.send-timeout=" + SlowSubscriberIT.SEND_TIMEOUT)
class SlowSubscriberIT extends ContrailIntegrationTest {

    private static final String AREA = "{south: -41, west: -21, north: -39, east: -19}";
    private static final String SUBSCRIPTION = "subscription { flightUpdates(within: " + AREA + ") "
            + "{ icao24 flightId callsign originCountry position { latitude longitude barometricAltitudeM geometricAltitudeM } "
            + "onGround groundSpeedMps trackDeg verticalRateMps squawk phase firstSeen lastSeen } }";
    private static final Pattern CHANGE = Pattern.compile("\"icao24\":\"([0-9a-f]{6})\".*?\"groundSpeedMps\":([0-9.]+)");
    private static final int AIRCRAFT = 200;
    /** Rounds of changes handed over once the slow client's sender is stuck. */
    private static final int MORE_ROUNDS = 100;

    /** Shorter than the default, so that the test need not wait long; longer than the sends' filling of the socket. */
    static final String SEND_TIMEOUT = "10s";

    @Autowired
    private LiveFlightUpdates updates;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aClientThatStopsReadingDelaysNeitherTheProjectionNorAClientThatKeepsUpAndIsClosedAfterTheSendTimeout() throws Exception {
        var slow = new StalledClient();
        WebSocket slowSocket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphQlWebSocketUrl()), slow).get(30, TimeUnit.SECONDS);
        try (RawGraphQlWebSocket fast = RawGraphQlWebSocket.connect(graphQlWebSocketUrl()).init()) {
            slowSocket.sendText("{\"type\":\"connection_init\"}", true).get(30, TimeUnit.SECONDS);
            assertThat(slow.first.get(30, TimeUnit.SECONDS)).contains("connection_ack");
            slowSocket.sendText("{\"type\":\"subscribe\",\"id\":\"slow\",\"payload\":{\"query\":\"" + SUBSCRIPTION.replace("\"", "\\\"") + "\"}}", true)
                    .get(30, TimeUnit.SECONDS);
            fast.subscribe("fast", SUBSCRIPTION);
            long subscribed = System.nanoTime();
            while (updates.subscribers() < 2 && System.nanoTime() - subscribed < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(20);
            }
            assertThat(updates.subscribers()).as("both subscriptions are open").isGreaterThanOrEqualTo(2);

            // Changes until the slow client's socket is full and the server's sends to it are stuck, then more, while
            // they stay stuck.
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
            int round = 0;
            long handOver = 0;
            long filling = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            var senders = new SendWatch();
            while (senders.stuck().isEmpty() && System.nanoTime() < filling) {
                handOver = Math.max(handOver, handOver(++round, t0));
                senders.sample();
            }
            List<String> stuck = senders.stuck();
            assertThat(stuck).as("a connection whose sends are stuck for " + SendWatch.STUCK).hasSize(1);
            for (int more = 0; more < MORE_ROUNDS; more++) {
                handOver = Math.max(handOver, handOver(++round, t0));
                senders.sample();
            }
            int last = round;

            // The fast client ends with the latest state of every aircraft, whatever the slow one does.
            Map<String, Integer> latest = new HashMap<>();
            int received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allAt(latest, last) && System.nanoTime() < deadline) {
                String message = fast.nextFor("fast", Duration.ofSeconds(5));
                if (message == null) {
                    continue;
                }
                received++;
                Matcher change = CHANGE.matcher(message);
                if (change.find()) {
                    latest.merge(change.group(1), (int) Double.parseDouble(change.group(2)), Math::max);
                }
            }
            assertThat(latest).as("the fast client has every aircraft's latest state").hasSize(AIRCRAFT);
            assertThat(allAt(latest, last)).as("every aircraft at its last round, " + last).isTrue();
            assertThat(slow.messages).as("the slow client read only its acknowledgement").isEqualTo(1);
            assertThat(Duration.ofNanos(handOver)).as("the longest hand-over of a batch").isLessThan(Duration.ofSeconds(2));

            // A send that waits longer than the send timeout closes the slow client's connection: its subscription,
            // its place under max-connections and its socket are given back, and the fast client is still served.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                senders.sample();
                assertThat(senders.established()).as("the slow client's connection").doesNotContainAnyElementsOf(stuck);
                assertThat(updates.subscribers()).as("subscriptions left").isEqualTo(1);
                assertThat(meters.find("contrail.graphql.websocket.connections").gauge()).isNotNull()
                        .extracting(gauge -> gauge.value()).as("connections left").isEqualTo(1.0);
                assertThat(meters.find("contrail.graphql.websocket.stalled").functionCounter()).as("connections closed for not reading")
                        .isNotNull().extracting(counter -> counter.count()).isEqualTo(1.0);
            });
            int after = handOverUntilHeard(fast, ++round, t0);
            assertThat(after).as("the fast client hears the round after the slow one's close").isEqualTo(round);
        } finally {
            slowSocket.abort();
        }
    }

    /** Hands over the {@code round}-th states and returns the round that the fast client then hears of aircraft 0. */
    private int handOverUntilHeard(RawGraphQlWebSocket fast, int round, Instant t0) throws Exception {
        handOver(round, t0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int heard = -1;
        while (heard != round && System.nanoTime() < deadline) {
            String message = fast.nextFor("fast", Duration.ofSeconds(5));
            Matcher change = message == null ? null : CHANGE.matcher(message);
            if (change != null && change.find()) {
                heard = Math.max(heard, (int) Double.parseDouble(change.group(2)));
            }
        }
        return heard;
    }

    /** Hands over every aircraft's {@code round}-th state in one batch, as the projection does; returns how long it took. */
    private long handOver(int round, Instant t0) throws InterruptedException {
        List<LiveFlight> batch = new ArrayList<>(AIRCRAFT);
        for (int i = 0; i < AIRCRAFT; i++) {
            batch.add(flight(i, round, t0));
        }
        long start = System.nanoTime();
        updates.acceptAll(batch);
        long took = System.nanoTime() - start;
        Thread.sleep(2);
        return took;
    }

    /**
     * Which of the application's WebSocket connections have had data waiting in their socket's send queue at every
     * sample for {@link #STUCK} (the kernel's {@code tx_queue} of the server's end, {@code /proc/net/tcp} and
     * {@code tcp6}): the server sends asynchronously (ADR 0040), so a client that stops reading shows as bytes the
     * server cannot hand over, not as a thread blocked in a write; to a client that reads the queue drains between
     * messages. Keyed by the client's port.
     */
    private final class SendWatch {
        static final Duration STUCK = Duration.ofSeconds(3);
        private final Map<String, Long> sendingSince = new HashMap<>();
        private Set<String> established = Set.of();

        void sample() {
            Map<String, Long> still = new HashMap<>();
            Set<String> open = new HashSet<>();
            long now = System.nanoTime();
            String server = ":%04X".formatted(port);
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] fields = line.trim().split("\\s+");
                        // sl local_address rem_address st tx_queue:rx_queue ...; 01 = ESTABLISHED
                        if (fields.length > 4 && fields[1].endsWith(server) && fields[3].equals("01")) {
                            String client = fields[2].substring(fields[2].lastIndexOf(':') + 1);
                            open.add(client);
                            if (Long.parseLong(fields[4].substring(0, fields[4].indexOf(':')), 16) > 0) {
                                still.put(client, sendingSince.getOrDefault(client, now));
                            }
                        }
                    }
                } catch (IOException | RuntimeException unreadable) {
                    throw new IllegalStateException("Cannot read " + table + " (this test needs Linux)", unreadable);
                }
            }
            sendingSince.clear();
            sendingSince.putAll(still);
            established = open;
        }

        /** The clients' ports of the application's established connections at the last sample. */
        Set<String> established() {
            return established;
        }

        List<String> stuck() {
            long now = System.nanoTime();
            return sendingSince.entrySet().stream().filter(sending -> now - sending.getValue() >= STUCK.toNanos()).map(Map.Entry::getKey).toList();
        }
    }

    private static boolean allAt(Map<String, Integer> latest, int round) {
        return latest.size() == AIRCRAFT && latest.values().stream().allMatch(version -> version == round);
    }

    /** Aircraft {@code i} in its {@code round}-th state; the round rides in the ground speed. */
    private static LiveFlight flight(int i, int round, Instant t0) {
        String icao24 = "%06x".formatted(0xe40000 + i);
        return new LiveFlight(icao24, icao24 + "-" + t0.getEpochSecond(), "SLOW" + i % 1000, "Nowhere",
                -40.0 + (i % 20) * 0.05, -20.0 + (i / 20) * 0.05, 10_000.0, 10_100.0, false, (double) round, 90.0, 0.0, "1000", null,
                t0, t0.plusMillis(round), null, null, false);
    }

    /** Reads the acknowledgement and then nothing: the JDK client reads from the socket only what is asked for. */
    private static final class StalledClient implements WebSocket.Listener {
        final CompletableFuture<String> first = new CompletableFuture<>();
        volatile int messages;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages++;
            first.complete(data.toString());
            return null; // and no request(1): nothing more is read
        }
    }
}

package dev.contrail.benchmarks.endtoend;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Figure 2: how long a state vector takes from the raw topic to the WebSocket subscribers whose area it is in. Each
 * subscriber has a connection of its own (graphql-transport-ws, Spring GraphQL's client over the JDK-standard
 * WebSocket API) and subscribes to {@code flightUpdates(within:)} for a viewport. The latency of an update is its
 * receive time minus the send time of the state vector with that icao24 and last contact ({@code lastSeen}); only the
 * first update carrying a given {@code lastSeen} counts, since Contrail emits an update per read-model change and
 * later ones for the same contact come from the domain events that the observation triggered.
 */
final class SubscriptionLoad {

    /**
     * What the subscribers saw. {@code behindAtEndSeconds} is how far the slowest consumer group was behind when the
     * load stopped: more than the lag bound means Contrail did not keep up with this load, and the latencies include
     * the backlog, which was drained (up to the drain timeout) before the subscribers stopped counting.
     */
    record Result(int requested, int connected, long errors, double offeredPerSecond, long updates, double updatesPerSecond,
                  long samples, long p50Nanos, long p99Nanos, long maxNanos, double behindAtEndSeconds) {
    }

    /** What the subscription selects. */
    record Update(String icao24, String lastSeen) {
    }

    private static final String SUBSCRIPTION = """
            subscription($within: BoundingBoxInput) { flightUpdates(within: $within) { icao24 lastSeen } }""";

    private final URI webSocket;
    private final LoadProducer load;
    private final LagMonitor lag;

    SubscriptionLoad(URI webSocket, LoadProducer load, LagMonitor lag) {
        this.webSocket = webSocket;
        this.load = load;
        this.lag = lag;
    }

    Result run(int subscriptions, double speed, Duration duration, ViewportBoxes boxes, Duration drainTimeout) throws InterruptedException {
        var transport = new StandardWebSocketClient();
        List<WebSocketGraphQlClient> clients = new ArrayList<>();
        for (int i = 0; i < subscriptions; i++) {
            clients.add(WebSocketGraphQlClient.builder(webSocket, transport).keepAlive(Duration.ofSeconds(30)).build());
        }
        var connected = new AtomicInteger();
        Flux.fromIterable(clients)
                .flatMap(client -> client.start().doOnSuccess(ignored -> connected.incrementAndGet()).onErrorResume(e -> Mono.empty()), 32)
                .blockLast(Duration.ofSeconds(120));
        Log.info("  figure 2: %,d of %,d WebSocket connections open", connected.get(), subscriptions);

        var window = new Window();
        var errors = new AtomicLong();
        List<Subscriber> subscribers = new ArrayList<>();
        List<Disposable> disposables = new ArrayList<>();
        for (WebSocketGraphQlClient client : clients) {
            ViewportBoxes.Box box = boxes.next();
            var subscriber = new Subscriber(window);
            subscribers.add(subscriber);
            disposables.add(client.document(SUBSCRIPTION)
                    .variable("within", Map.of("south", box.south(), "west", box.west(), "north", box.north(), "east", box.east()))
                    .retrieveSubscription("flightUpdates")
                    .toEntity(Update.class)
                    .subscribe(subscriber::onUpdate, error -> errors.incrementAndGet()));
        }
        // The server registers a subscription when its "subscribe" message arrives: give them time to.
        Thread.sleep(3_000);

        var sendTimes = new LoadProducer.SendTimes();
        window.sendTimes = sendTimes;
        load.logSends(sendTimes);
        window.open = true;
        long producedBefore = load.produced();
        long start = System.nanoTime();
        load.setSpeed(speed);
        Thread.sleep(duration.toMillis());
        load.setSpeed(0);
        load.logSends(null);
        long measured = System.nanoTime() - start;
        double offered = (load.produced() - producedBefore) / (measured / 1e9);
        LagMonitor.Sample atEnd = lag.latest();
        double behind = atEnd == null ? Double.NaN : atEnd.maxSecondsBehind();
        // Vectors sent before the end are still on their way: count them in, until Contrail has caught up.
        lag.awaitCaughtUp(Duration.ofSeconds(1), drainTimeout);
        Thread.sleep(1_000);
        window.open = false;

        disposables.forEach(Disposable::dispose);
        Flux.fromIterable(clients).flatMap(client -> client.stop().onErrorResume(e -> Mono.empty()), 64)
                .blockLast(Duration.ofSeconds(60));

        var all = new Stats.Samples();
        long updates = 0;
        for (Subscriber subscriber : subscribers) {
            synchronized (subscriber) {
                all.addAll(subscriber.latencies);
                updates += subscriber.updates;
            }
        }
        double updatesPerSecond = updates / (measured / 1e9);
        if (all.size() == 0) {
            return new Result(subscriptions, connected.get(), errors.get(), offered, updates, updatesPerSecond, 0, 0, 0, 0, behind);
        }
        return new Result(subscriptions, connected.get(), errors.get(), offered, updates, updatesPerSecond, all.size(),
                all.percentile(50), all.percentile(99), all.max(), behind);
    }

    /** The measurement window, shared by all subscribers. */
    private static final class Window {
        volatile boolean open;
        volatile LoadProducer.SendTimes sendTimes;
    }

    /** One subscriber's updates; Reactor delivers them one at a time. */
    private static final class Subscriber {
        private final Window window;
        private final Map<String, Long> lastSeenByAircraft = new HashMap<>();
        private final Stats.Samples latencies = new Stats.Samples();
        private long updates;

        Subscriber(Window window) {
            this.window = window;
        }

        synchronized void onUpdate(Update update) {
            long received = System.nanoTime();
            if (!window.open || update.lastSeen() == null) {
                return;
            }
            updates++;
            long lastSeen = Instant.parse(update.lastSeen()).getEpochSecond();
            Long previous = lastSeenByAircraft.put(update.icao24(), lastSeen);
            if (previous != null && previous >= lastSeen) {
                return;
            }
            Long sent = window.sendTimes.sentAt(LoadProducer.key(update.icao24(), lastSeen));
            if (sent != null) {
                latencies.add(received - sent);
            }
        }
    }
}

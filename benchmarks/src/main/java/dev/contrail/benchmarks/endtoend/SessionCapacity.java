package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.traffic.Airports;
import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.demo.EmbeddedServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * How many WebSocket sessions Contrail holds, each with one {@code flightUpdates(within:)} subscription and each
 * receiving its updates, and what they cost it in threads and memory (issue 14's "concurrent subscriptions held").
 * For each count: a fresh Contrail ({@code java -jar}, its own database and consumer groups), the traffic of figure 2
 * (10,000 aircraft) until every aircraft is in coverage, then that many sessions opened, each subscribed to one of
 * figure 2's viewports, then 1x load (2,000 state vectors/s) for the measured window; Contrail's threads and RSS
 * ({@code /proc/<pid>/status}) before the sessions and at their most while they are held, and how many sessions got
 * at least one update in the window.
 *
 * <pre>
 * java -cp ... dev.contrail.benchmarks.endtoend.SessionCapacity &lt;contrail jar&gt; &lt;counts, e.g. 1000,10000&gt; [JVM options of Contrail]
 * </pre>
 */
public final class SessionCapacity {

    private static final String SUBSCRIPTION = """
            subscription($within: BoundingBoxInput) { flightUpdates(within: $within) { icao24 lastSeen } }""";
    private static final Duration WINDOW = Duration.ofSeconds(30);

    record Figure(int requested, int connected, int subscribed, int receiving, long updates, long threadsBefore, long threadsHeld,
                  long rssBeforeMiB, long rssHeldMiB, long peakRssMiB, long errors) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        List<Integer> counts = Arrays.stream(args[1].split(",")).map(String::trim).map(Integer::valueOf).toList();
        List<String> jvmArgs = args.length > 2 ? List.of(args[2].split(" ")) : List.of();
        Path work = Files.createDirectories(Path.of("benchmarks/target/session-capacity").toAbsolutePath());
        Path copy = ContrailProcess.copyUnderTest(jar, work);
        String bootstrap = EmbeddedServices.kafkaBootstrapServers(KafkaRawLimits.PARTITIONS);
        String postgres = EmbeddedServices.postgresJdbcUrl();
        String user = EmbeddedServices.postgresUser();
        List<String> lines = new ArrayList<>();
        int run = 0;
        for (int count : counts) {
            run++;
            Figure figure = measure(copy, jvmArgs, count, run, bootstrap, postgres, user, work);
            String line = ("%s sessions %,d: connected %,d, subscribed %,d, receiving %,d (%,d updates in %d s, %d errors); "
                    + "Contrail threads %,d -> %,d, RSS %,d -> %,d MiB (peak %,d MiB)").formatted(jar.getFileName(), count,
                    figure.connected(), figure.subscribed(), figure.receiving(), figure.updates(), WINDOW.toSeconds(), figure.errors(),
                    figure.threadsBefore(), figure.threadsHeld(), figure.rssBeforeMiB(), figure.rssHeldMiB(), figure.peakRssMiB());
            Log.info("%s", line);
            lines.add(line);
            BenchmarkSuite.resetKafka(bootstrap);
        }
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static Figure measure(Path jar, List<String> jvmArgs, int count, int run, String bootstrap, String postgres, String user,
                                  Path work) throws Exception {
        String jdbcUrl = BenchmarkSuite.freshDatabase(postgres, user, "contrail_sessions_" + run);
        String prefix = "contrail-sessions" + run;
        long seed = 20261126;
        var traffic = new TrafficGenerator(TrafficSettings.of(seed, TrafficSettings.startBehind(Instant.now())).withAircraft(10_000));
        List<String> extra = List.of("--contrail.kafka.application-id-prefix=" + prefix,
                "--contrail.api.websocket.max-connections=" + (count + 100),
                "--server.tomcat.max-connections=" + (count + 1_000));
        try (var app = ContrailProcess.start(jar, jvmArgs, extra, bootstrap, jdbcUrl, user, work.resolve("contrail-sessions-" + count + ".log"))) {
            app.awaitHealthy(Duration.ofMinutes(3));
            try (var load = new LoadProducer(bootstrap, traffic);
                 var lag = new LagMonitor(bootstrap, prefix + "-", Duration.ofMillis(500), load::speed, load::produced).start()) {
                load.burstUntil(traffic.settings().everyAircraftSeenBy());
                Thread.sleep(5_000);
                lag.awaitCaughtUp(Duration.ofSeconds(3), Duration.ofSeconds(120));
                long threadsBefore = status(app.pid(), "Threads:");
                long rssBefore = status(app.pid(), "VmRSS:") / 1024;

                var transport = new StandardWebSocketClient();
                List<WebSocketGraphQlClient> clients = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    clients.add(WebSocketGraphQlClient.builder(app.webSocketUri("/graphql"), transport).keepAlive(Duration.ofSeconds(30)).build());
                }
                var connected = new AtomicInteger();
                Flux.fromIterable(clients)
                        .flatMap(client -> client.start().doOnSuccess(ignored -> connected.incrementAndGet()).onErrorResume(e -> Mono.empty()), 32)
                        .blockLast(Duration.ofMinutes(5));
                Log.info("  %,d of %,d sessions open", connected.get(), count);

                var boxes = new ViewportBoxes(Airports.bundled(), seed, 4, 6);
                var window = new AtomicInteger(); // 1 while the window is open
                var errors = new AtomicLong();
                List<AtomicLong> received = new ArrayList<>();
                List<Disposable> subscriptions = new ArrayList<>();
                for (WebSocketGraphQlClient client : clients) {
                    ViewportBoxes.Box box = boxes.next();
                    var updates = new AtomicLong();
                    received.add(updates);
                    subscriptions.add(client.document(SUBSCRIPTION)
                            .variable("within", Map.of("south", box.south(), "west", box.west(), "north", box.north(), "east", box.east()))
                            .retrieveSubscription("flightUpdates").toEntity(Map.class)
                            .subscribe(update -> {
                                if (window.get() == 1) {
                                    updates.incrementAndGet();
                                }
                            }, error -> errors.incrementAndGet()));
                }
                int subscribed = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (System.nanoTime() < deadline) {
                    subscribed = app.metric("contrail.graphql.subscriptions", "VALUE").map(Double::intValue).orElse(0);
                    if (subscribed >= connected.get()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                Log.info("  %,d subscriptions running", subscribed);

                window.set(1);
                load.setSpeed(1);
                long threadsHeld = 0;
                long rssHeld = 0;
                long end = System.nanoTime() + WINDOW.toNanos();
                while (System.nanoTime() < end) {
                    threadsHeld = Math.max(threadsHeld, status(app.pid(), "Threads:"));
                    rssHeld = Math.max(rssHeld, status(app.pid(), "VmRSS:") / 1024);
                    Thread.sleep(1_000);
                }
                load.setSpeed(0);
                window.set(0);
                long peak = status(app.pid(), "VmHWM:") / 1024;
                int receiving = (int) received.stream().filter(updates -> updates.get() > 0).count();
                long updates = received.stream().mapToLong(AtomicLong::get).sum();

                subscriptions.forEach(Disposable::dispose);
                Flux.fromIterable(clients).flatMap(client -> client.stop().onErrorResume(e -> Mono.empty()), 64).blockLast(Duration.ofMinutes(2));
                return new Figure(count, connected.get(), subscribed, receiving, updates, threadsBefore, threadsHeld, rssBefore, rssHeld, peak,
                        errors.get());
            }
        }
    }

    /** A figure of {@code /proc/<pid>/status} (kB for the memory ones). */
    private static long status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith(field))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(-1L);
    }
}

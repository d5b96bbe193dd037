package dev.contrail.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.ContrailApplication;
import dev.contrail.api.support.TopicReader;
import dev.contrail.domain.flighttracking.TrackingPolicy;
import dev.contrail.demo.EmbeddedServices;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fault test (ADR 0026): runs Contrail as a separate process on the durable embedded default, kill -9s it at
 * random moments during ingest and during projection rebuilds, restarts it from what it left on disk, lets it drain,
 * and checks end to end that nothing was lost or duplicated.
 *
 * <p>Run it with {@code ./mvnw -o -pl api -am verify -Dit.test=CrashSafetyIT -Dcontrail.fault.kills=12
 * -Dsurefire.failIfNoSpecifiedTests=false} (CI runs the same with 2 kills). The checks:
 * <ol>
 *   <li>every observation that changes an aircraft's callsign, squawk or ground state (strictly newer than what the
 *       aircraft was told before) has the domain event it must cause: the intake lost no command;</li>
 *   <li>the event store has no gap and no duplicate sequence number per aggregate;</li>
 *   <li>every stored Flight Tracking event is on {@code flight-tracking.events} (a repeat there is counted, and
 *       harmless: consumers are idempotent);</li>
 *   <li>the live-flights and flight-history read models built through the crashes equal a rebuild of them in one go
 *       from the topics, and no generation is left REBUILDING.</li>
 * </ol>
 */
public final class CrashSafety {

    static final String ADMIN = "admin";
    static final String PASSWORD = "contrail-demo";
    private static final ObjectMapper json = new ObjectMapper();
    /** Aircraft events that are the aggregate's own bookkeeping and never published (ADR 0022). */
    private static final Set<String> UNPUBLISHED = Set.of("TouchdownReported", "LiftOffReported", "GroundStateFlickered");
    /**
     * The events a change of ground state may cause at the report that shows it (ADR 0022): the movement itself when
     * the report proves it, its pending report otherwise, or the end of an earlier pending change it contradicts.
     */
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "Landed", Set.of("Landed", "TouchdownReported", "GroundStateFlickered"),
            "TookOff", Set.of("TookOff", "LiftOffReported", "GroundStateFlickered"),
            "CallsignChanged", Set.of("CallsignChanged"),
            "SquawkChanged", Set.of("SquawkChanged"));

    private final Path dataDirectory;
    private final int kills;
    private final Random random;
    private final Consumer<String> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process contrail;
    private Path log;
    private int port;
    private long stopWarnings;
    /** What the checks found wrong, line by line: a failing assertion quotes it, so that CI's excerpt shows the cause. */
    private final List<String> findings = new ArrayList<>();

    /** What the run found: the figures the report prints. */
    public record Figures(int killsSurvived, int rebuildKills, long eventsChecked, long aggregatesChecked, long stateChangesChecked,
                          long lost, long duplicated, long deadLetters, long missingOnTopic, long repeatedOnTopic, long readModelRowsChecked,
                          long readModelDifferences, long generationsLeftRebuilding, long stopMillis) {

        public boolean clean() {
            return lost == 0 && duplicated == 0 && deadLetters == 0 && missingOnTopic == 0 && readModelDifferences == 0
                    && generationsLeftRebuilding == 0;
        }

        @Override
        public String toString() {
            return String.format("kills survived %d (%d during a rebuild); events checked %d on %d aggregates; state changes checked %d; "
                            + "lost %d; duplicated %d; dead letters %d; stored events missing on their topic %d (repeated there: %d); read-model rows "
                            + "checked %d, differing %d; generations left REBUILDING %d; last graceful stop %d ms",
                    killsSurvived, rebuildKills, eventsChecked, aggregatesChecked, stateChangesChecked, lost, duplicated, deadLetters, missingOnTopic,
                    repeatedOnTopic, readModelRowsChecked, readModelDifferences, generationsLeftRebuilding, stopMillis);
        }
    }

    public CrashSafety(Path dataDirectory, int kills, long seed, Consumer<String> out) {
        this.dataDirectory = dataDirectory;
        this.kills = kills;
        this.random = new Random(seed);
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path directory = Files.createTempDirectory("contrail-fault-");
        Figures figures = new CrashSafety(directory, kills, System.nanoTime(), System.out::println).run();
        System.out.println(figures);
        System.exit(figures.clean() ? 0 : 1);
    }

    public Figures run() throws Exception {
        int rebuildKills = 0;
        String[] projections = {"live-flights", "flight-history", "flight-tracks"};
        try {
            for (int kill = 1; kill <= kills; kill++) {
                start();
                boolean duringRebuild = kill % 2 == 0;
                long wait = 2_000 + random.nextInt(20_000);
                if (duringRebuild) {
                    sleep(random.nextInt(8_000));
                    String projection = projections[random.nextInt(projections.length)];
                    String answer = graphQl("mutation { replayProjection(name: \"" + projection + "\") { generation } }", true);
                    out.accept("  replaying " + projection + ": " + answer);
                    wait = 200 + random.nextInt(4_000);
                    rebuildKills++;
                }
                sleep(wait);
                out.accept("kill -9 #" + kill + (duringRebuild ? " (during a rebuild)" : " (during ingest)") + " after " + wait + " ms");
                contrail.destroyForcibly();
                contrail.waitFor(60, TimeUnit.SECONDS);
            }
            start();
            drain();
            return check(rebuildKills);
        } finally {
            if (contrail != null && contrail.isAlive()) {
                contrail.destroyForcibly();
                contrail.waitFor(60, TimeUnit.SECONDS);
            }
            // A killed Contrail leaves its PostgreSQL running: never leave it behind.
            EmbeddedServices.stopLeftOverPostgres(dataDirectory);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // The process

    private void start() throws Exception {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                ContrailApplication.class.getName(),
                "--server.port=" + port,
                "--contrail.data-dir=" + dataDirectory,
                // Replays the bundled capture as fast as it goes, once per start: each start is a new pass, later in time.
                "--contrail.capture.speed=0",
                "--contrail.capture.loop=false",
                "--contrail.airports.import.enabled=false",
                "--contrail.airspace.definitions.enabled=false",
                "--contrail.admin.password=" + PASSWORD,
                "--logging.level.root=WARN",
                "--logging.level.dev.contrail=INFO",
                "--spring.main.banner-mode=off"));
        // Kept after the run (the data directory is not): target/fault-logs/, one file per start.
        Path logs = Path.of("target", "fault-logs");
        Files.createDirectories(logs);
        log = logs.resolve("contrail-" + System.currentTimeMillis() + ".log");
        contrail = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!contrail.isAlive()) {
                throw new IllegalStateException("Contrail exited with " + contrail.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    out.accept("Contrail up on port " + port + " in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(1_000);
        }
        throw new IllegalStateException("Contrail did not start within 10 minutes; see " + log);
    }

    /** Waits until the capture is replayed and the event store and read models stop growing. */
    private void drain() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        String last = "";
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String now;
            try (Connection db = database()) {
                now = count(db, "SELECT count(*) FROM domain_event_entry") + "/" + count(db, "SELECT count(*) FROM flight")
                        + "/" + count(db, "SELECT count(*) FROM live_flight") + "/" + metric("contrail.capture.snapshots.replayed")
                        + "/" + count(db, "SELECT count(*) FROM projection_generation WHERE state = 'REBUILDING'");
            }
            long inCapture = metric("contrail.capture.snapshots.in.capture");
            boolean replayed = inCapture > 0 && metric("contrail.capture.snapshots.replayed") >= inCapture;
            // Counts can stand still while a consumer waits to rejoin its group (a killed member holds its partitions
            // until its session times out): drained means every consumer group has read everything, too.
            long lag = replayed ? consumerLag() : -1;
            now += "/lag " + lag;
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (replayed && now.endsWith("/0/lag 0") && System.nanoTime() - stableSince > Duration.ofSeconds(20).toNanos()) {
                out.accept("drained: events/flights/live flights/snapshots/rebuilding = " + now);
                return;
            }
            sleep(2_000);
        }
        throw new IllegalStateException("Contrail did not drain within 20 minutes (last " + last + ")");
    }

    // -------------------------------------------------------------------------------------------------------------
    // The checks

    private Figures check(int rebuildKills) throws Exception {
        long leftRebuilding;
        Map<String, List<StoredEvent>> events = new HashMap<>();
        long duplicated = 0;
        long gaps = 0;
        try (Connection db = database()) {
            leftRebuilding = count(db, "SELECT count(*) FROM projection_generation WHERE state = 'REBUILDING'");
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT aggregate_identifier, sequence_number, payload_type, payload "
                         + "FROM domain_event_entry WHERE aggregate_identifier LIKE 'aircraft:%' "
                         + "ORDER BY aggregate_identifier, sequence_number")) {
                while (rows.next()) {
                    // Stored under the type-qualified identifier (ADR 0021); published keyed by the bare icao24.
                    String icao24 = rows.getString(1).substring("aircraft:".length());
                    events.computeIfAbsent(icao24, id -> new ArrayList<>()).add(new StoredEvent(icao24,
                            rows.getLong(2), rows.getString(3).substring(rows.getString(3).lastIndexOf('.') + 1),
                            json.readTree(rows.getBytes(4))));
                }
            }
            duplicated = count(db, "SELECT count(*) FROM (SELECT aggregate_identifier, sequence_number FROM domain_event_entry "
                    + "GROUP BY 1, 2 HAVING count(*) > 1) d");
            gaps = count(db, "SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier IS NOT NULL "
                    + "GROUP BY 1 HAVING max(sequence_number) + 1 <> count(DISTINCT sequence_number)) g");
        }
        long eventsChecked = events.values().stream().mapToLong(List::size).sum();
        out.accept("event store: " + eventsChecked + " Flight Tracking events on " + events.size() + " aggregates; aggregates with a gap: "
                + gaps + "; duplicated sequence numbers: " + duplicated);

        // Every stored event is on its topic (read again a little later if the publisher may still be catching up).
        Properties addresses = addresses();
        String kafka = addresses.getProperty("kafka.bootstrap-servers");
        Map<String, Long> onTopic = new HashMap<>();
        AvroSerde<FlightTrackingEvent> eventSerde = AvroSerde.of(FlightTrackingEvent.class);
        long missingOnTopic = 0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            onTopic.clear();
            readTopic(kafka, Topics.FLIGHT_TRACKING_EVENTS, record -> {
                FlightTrackingEvent event = eventSerde.deserializer().deserialize(record.topic(), record.value());
                onTopic.merge(record.key() + "#" + event.getSequence(), 1L, Long::sum);
            });
            missingOnTopic = 0;
            for (List<StoredEvent> aggregate : events.values()) {
                for (StoredEvent event : aggregate) {
                    if (UNPUBLISHED.contains(event.type())) {
                        continue; // the aircraft's own bookkeeping, not part of the contract (ADR 0022)
                    }
                    if (!onTopic.containsKey(event.aggregate() + "#" + event.sequence())) {
                        missingOnTopic++;
                    }
                }
            }
            if (missingOnTopic == 0) {
                break;
            }
            sleep(30_000);
        }
        long repeatedOnTopic = onTopic.values().stream().mapToLong(n -> n - 1).sum();
        out.accept("topic " + Topics.FLIGHT_TRACKING_EVENTS + ": " + onTopic.size() + " distinct events; stored but missing: " + missingOnTopic
                + "; repeated (at-least-once): " + repeatedOnTopic);

        // Every state-changing observation became the event it must cause.
        long[] stateChanges = {0};
        long lost = gaps;
        Map<String, Set<String>> eventKeys = new HashMap<>();
        for (List<StoredEvent> aggregate : events.values()) {
            for (StoredEvent event : aggregate) {
                Instant at = instant(event.payload().path(switch (event.type()) {
                    case "FlightDetected" -> "detectedAt";
                    case "GroundStateFlickered" -> "contradictedAt";
                    default -> "observedAt";
                }));
                String icao24 = event.payload().path("icao24").asText();
                if (at != null) {
                    eventKeys.computeIfAbsent(icao24, k -> new HashSet<>()).add(event.type() + "@" + at);
                }
            }
        }
        Map<String, ObservedState> aircraft = new HashMap<>();
        List<String> missing = new ArrayList<>();
        AvroSerde<AircraftObservation> observationSerde = AvroSerde.of(AircraftObservation.class);
        readTopic(kafka, Topics.FLIGHT_TRACKING_OBSERVATIONS, record -> {
            AircraftObservation observation = observationSerde.deserializer().deserialize(record.topic(), record.value());
            if (observation == null) {
                return;
            }
            ObservedState state = aircraft.computeIfAbsent(observation.getIcao24(), k -> new ObservedState());
            Instant at = observation.getObservedAt();
            if (state.lastAt != null && !at.isAfter(state.lastAt)) {
                return; // not newer than what the aircraft knows: it ignores it, rightly
            }
            List<String> expected = new ArrayList<>();
            if (state.lastAt != null) {
                if (observation.getCallsign() != null && state.callsign != null && !observation.getCallsign().equals(state.callsign)) {
                    expected.add("CallsignChanged");
                }
                if (observation.getSquawk() != null && state.squawk != null && !observation.getSquawk().equals(state.squawk)) {
                    expected.add("SquawkChanged");
                }
                if (claimsGround(observation) != state.onGround) {
                    expected.add(claimsGround(observation) ? "Landed" : "TookOff");
                }
            }
            Set<String> keys = eventKeys.getOrDefault(observation.getIcao24(), Set.of());
            boolean detected = keys.contains("FlightDetected@" + at);
            if (state.lastAt == null && keys.isEmpty()) {
                missing.add(observation.getIcao24() + " never recorded (first observed " + at + ")");
            }
            for (String type : expected) {
                stateChanges[0]++;
                if (!detected && ACCEPTED.get(type).stream().noneMatch(accepted -> keys.contains(accepted + "@" + at))) {
                    missing.add(observation.getIcao24() + " " + type + " at " + at);
                }
            }
            state.lastAt = at;
            state.onGround = claimsGround(observation);
            state.callsign = observation.getCallsign() != null ? observation.getCallsign() : state.callsign;
            state.squawk = observation.getSquawk() != null ? observation.getSquawk() : state.squawk;
        });
        lost += missing.size();
        missing.stream().limit(20).forEach(m -> {
            out.accept("  LOST: " + m);
            findings.add("LOST: " + m);
        });
        // A dead letter is not lost (it waits, with its reason, to be re-driven), but a fault must not make any: say why.
        long[] deadLetters = {0};
        readTopic(kafka, Topics.DEAD_LETTERS, record -> {
            deadLetters[0]++;
            String line = "dead letter " + record.key() + ": " + TopicReader.header(record, Topics.DeadLetterHeaders.STAGE) + ", "
                    + TopicReader.header(record, Topics.DeadLetterHeaders.REASON);
            out.accept("  " + line);
            if (findings.size() < 40) {
                findings.add(line);
            }
        });
        out.accept("observations: " + aircraft.size() + " aircraft; state changes checked " + stateChanges[0] + "; without their event: "
                + missing.size());

        // Read models built through the crashes = the same read models rebuilt in one go.
        long[] readModel = compareWithRebuild(List.of(new ReadModel("live-flights", "live_flight"), new ReadModel("flight-history", "flight")));

        long stopMillis = stopGracefully();
        return new Figures(kills, rebuildKills, eventsChecked, events.size(), stateChanges[0], lost, duplicated, deadLetters[0], missingOnTopic,
                repeatedOnTopic, readModel[0], readModel[1], leftRebuilding, stopMillis);
    }

    private record ReadModel(String projection, String table) {
    }

    private long[] compareWithRebuild(List<ReadModel> readModels) throws Exception {
        long rows = 0;
        long differences = 0;
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS fault_check");
            for (ReadModel model : readModels) {
                statement.execute("DROP TABLE IF EXISTS fault_check." + model.table());
                statement.execute("CREATE TABLE fault_check." + model.table() + " AS SELECT * FROM public." + model.table());
            }
        }
        for (ReadModel model : readModels) {
            graphQl("mutation { replayProjection(name: \"" + model.projection() + "\") { generation } }", true);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode projections = json.readTree(graphQl("{ projections { name rebuilding { generation } lastReplay { state } } }", false))
                    .path("data").path("projections");
            boolean done = true;
            for (JsonNode projection : projections) {
                boolean ours = readModels.stream().anyMatch(model -> model.projection().equals(projection.path("name").asText()));
                if (ours && (!projection.path("rebuilding").isNull() || !"SERVING".equals(projection.path("lastReplay").path("state").asText()))) {
                    done = false;
                }
            }
            if (done) {
                break;
            }
            sleep(2_000);
        }
        try (Connection db = database(); Statement statement = db.createStatement()) {
            for (ReadModel model : readModels) {
                long count = count(db, "SELECT count(*) FROM public." + model.table());
                long before = count(db, "SELECT count(*) FROM fault_check." + model.table());
                long onlyBefore = count(db, "SELECT count(*) FROM (SELECT * FROM fault_check." + model.table() + " EXCEPT SELECT * FROM public."
                        + model.table() + ") d");
                long onlyRebuilt = count(db, "SELECT count(*) FROM (SELECT * FROM public." + model.table() + " EXCEPT SELECT * FROM fault_check."
                        + model.table() + ") d");
                out.accept("read model " + model.table() + ": " + before + " rows through the crashes, " + count + " rebuilt; differing: "
                        + onlyBefore + " / " + onlyRebuilt);
                if (onlyBefore + onlyRebuilt > 0) {
                    String key;
                    try (ResultSet columns = statement.executeQuery("SELECT * FROM public." + model.table() + " LIMIT 0")) {
                        key = columns.getMetaData().getColumnName(1);
                    }
                    // Both versions of a differing row, whole, so that the column that differs can be read off the log.
                    try (ResultSet sample = statement.executeQuery("SELECT d::text, (SELECT r::text FROM public." + model.table() + " r WHERE r."
                            + key + " = d." + key + ") FROM (SELECT * FROM fault_check." + model.table() + " EXCEPT SELECT * FROM public."
                            + model.table() + ") d LIMIT 3")) {
                        while (sample.next()) {
                            out.accept("  differs: through the crashes " + sample.getString(1));
                            out.accept("           rebuilt             " + sample.getString(2));
                        }
                    }
                }
                rows += before;
                differences += onlyBefore + onlyRebuilt;
            }
        }
        return new long[] {rows, differences};
    }

    private long stopGracefully() throws InterruptedException, IOException {
        long linesBefore = Files.readAllLines(log, StandardCharsets.UTF_8).size();
        long started = System.nanoTime();
        contrail.destroy(); // SIGTERM
        if (!contrail.waitFor(120, TimeUnit.SECONDS)) {
            contrail.destroyForcibly();
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<String> during = Files.readAllLines(log, StandardCharsets.UTF_8);
        stopWarnings = during.subList((int) Math.min(linesBefore, during.size()), during.size()).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).count();
        out.accept("graceful stop (SIGTERM) took " + millis + " ms, with " + stopWarnings + " WARN/ERROR lines");
        return millis;
    }

    /** What the checks found wrong (lost observations, dead letters), for an assertion's message. */
    public String findings() {
        return findings.isEmpty() ? "nothing" : String.join("\n", findings);
    }

    /** WARN and ERROR lines Contrail logged while it stopped gracefully at the end. */
    public long stopWarnings() {
        return stopWarnings;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Plumbing

    private record StoredEvent(String aggregate, long sequence, String type, JsonNode payload) {
    }

    /** A report's claim to be on the ground, unless the report itself contradicts it (ADR 0022). */
    private static boolean claimsGround(AircraftObservation observation) {
        Double verticalRate = observation.getVerticalRateMps();
        return observation.getOnGround()
                && (verticalRate == null || Math.abs(verticalRate) <= TrackingPolicy.MAX_VERTICAL_RATE_ON_GROUND_MPS);
    }

    private static final class ObservedState {
        Instant lastAt;
        boolean onGround;
        String callsign;
        String squawk;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(node.asText());
    }

    /**
     * Records not yet committed by the live consumer groups on the broker, over every partition assigned to one of their
     * members: a partition a group has never committed on counts from its log start, so that a consumer still restoring
     * or rejoining after a kill is never taken for drained.
     */
    private long consumerLag() throws IOException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, addresses().getProperty("kafka.bootstrap-servers")))) {
            long lag = 0;
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(group -> group.groupId()).toList();
            for (var group : admin.describeConsumerGroups(groups).all().get().values()) {
                if (group.members().isEmpty()) {
                    continue; // nobody reads for it any more (e.g. a discarded rebuild's generation)
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Set<TopicPartition> partitions = new HashSet<>();
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        partitions.add(partition);
                    }
                });
                group.members().forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                partitions.forEach(partition -> {
                    latest.put(partition, OffsetSpec.latest());
                    earliest.put(partition, OffsetSpec.earliest());
                });
                var ends = admin.listOffsets(latest).all().get();
                var starts = admin.listOffsets(earliest).all().get();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata position = committed.get(partition);
                    long from = position != null ? position.offset() : starts.get(partition).offset();
                    lag += Math.max(0, ends.get(partition).offset() - from);
                }
            }
            return lag;
        } catch (java.util.concurrent.ExecutionException e) {
            return -1;
        }
    }

    private Properties addresses() throws IOException {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDirectory.resolve(EmbeddedServices.ADDRESSES_FILE))) {
            properties.load(in);
        }
        return properties;
    }

    private Connection database() throws IOException, SQLException {
        return DriverManager.getConnection(addresses().getProperty("postgres.jdbc-url"), EmbeddedServices.postgresUser(), "");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void readTopic(String bootstrapServers, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    private long metric(String name) throws Exception {
        // As the operator: metrics need not be public.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/metrics/" + name))
                .header("Authorization", basicAuthorization())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        return json.readTree(response.body()).path("measurements").path(0).path("value").asLong();
    }

    private String graphQl(String query, boolean admin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query))));
        if (admin) {
            request.header("Authorization", basicAuthorization());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}

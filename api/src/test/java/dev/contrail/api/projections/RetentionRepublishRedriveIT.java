package dev.contrail.api.projections;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.cli.ContrailCli;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive;
import dev.contrail.infrastructure.kafka.RetentionProperties;
import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * History survives a rebuild, republish changes nothing, dead letters can be re-driven (issue 13, ADR 0028), against
 * real Kafka and PostgreSQL with all three contexts at work: airports imported (Dulles and its runways), airspace
 * volumes around Dulles, and aircraft that take off from Dulles, cross two volumes and land there again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "contrail.admin.username=operator",
    "contrail.admin.password=" + RetentionRepublishRedriveIT.PASSWORD,
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv",
    "contrail.airspace.definitions.enabled=true",
    "contrail.airspace.definitions.locations=classpath:airspace-test/iad-test-volumes.geojson",
    // The purge runs when the test says so, with batches small enough to take several statements.
    "contrail.retention.purge-interval=0s",
    "contrail.retention.purge-batch=7"})
class RetentionRepublishRedriveIT extends ContrailIntegrationTest {

    static final String PASSWORD = "test-operator-secret";
    private static final int AIRCRAFT = 4;

    @Autowired
    private List<ProjectionDefinition> definitions;
    @Autowired
    private ProjectionRegistry registry;
    @Autowired
    private ReadModelRetention purge;
    @Autowired
    private RetentionProperties retention;
    @Autowired
    private ContrailKafkaProperties contrail;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private HttpGraphQlTester admin;
    private HttpGraphQlTester anonymous;
    private final Set<String> flights = new LinkedHashSet<>();

    /** Four aircraft take off from Dulles' runway 30, enter the approach sector, cross into the east sector and land. */
    @BeforeAll
    void trafficThroughEveryContext() {
        admin = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .defaultHeaders(headers -> headers.setBasicAuth("operator", PASSWORD))
                .responseTimeout(Duration.ofSeconds(60)).build());
        anonymous = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .responseTimeout(Duration.ofSeconds(60)).build());
        // The intakes wait for the airports and the volumes themselves; the flights are a few minutes old.
        long t0 = Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond();
        try (var raw = new RawStateVectors(bootstrapServers)) {
            for (int a = 0; a < AIRCRAFT; a++) {
                String icao24 = Aircraft.uniqueIcao24();
                flights.add(icao24);
                long t = t0 + a * 3L;
                raw.send(vector(icao24, t, 38.9355, -77.4622, 90.0, true, 10.0));
                raw.send(vector(icao24, t + 30, 38.9382, -77.4718, 205.0, false, 70.0));
                raw.send(vector(icao24, t + 60, 38.9400, -77.4500, 1000.0, false, 120.0));
                raw.send(vector(icao24, t + 90, 38.9300, -77.3000, 2000.0, false, 150.0));
                raw.send(vector(icao24, t + 120, 38.9300, -77.2000, 1500.0, false, 150.0));
                raw.send(vector(icao24, t + 180, 38.9355, -77.4622, 90.0, true, 65.0));
                // A touchdown at 65 m/s is a landing once a later report agrees (ADR 0022). The intake sends an aircraft
                // a report on unchanged ground only once its position is due again (30 s, ADR 0007): the taxi reports
                // 10 and 20 s later stay in the observation stream, the one 35 s later confirms the landing.
                raw.send(vector(icao24, t + 190, 38.9360, -77.4655, 90.0, true, 10.0));
                raw.send(vector(icao24, t + 200, 38.9362, -77.4665, 90.0, true, 8.0));
                raw.send(vector(icao24, t + 215, 38.9364, -77.4675, 90.0, true, 6.0));
            }
        }
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(ours("SELECT aggregate_identifier FROM domain_event_entry WHERE type = 'Movement'")).as("movements")
                    .hasSizeGreaterThanOrEqualTo(2 * AIRCRAFT);
            assertThat(ours("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type LIKE '%AircraftEnteredAirspace'"))
                    .as("entries").hasSizeGreaterThanOrEqualTo(2 * AIRCRAFT);
            assertThat(ours("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type LIKE '%AircraftExitedAirspace'"))
                    .as("exits").hasSizeGreaterThanOrEqualTo(AIRCRAFT);
        });
        awaitQuiet();
    }

    @Test
    @Order(1)
    void everyTopicARebuildReadsKeepsTheHistoryItsReadModelsPromise() throws Exception {
        Set<String> read = new LinkedHashSet<>();
        definitions.forEach(definition -> read.addAll(definition.inputTopics()));
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<ConfigResource> resources = read.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = kafka.describeConfigs(resources).all().get();
            for (ProjectionDefinition definition : definitions) {
                for (String topic : definition.inputTopics()) {
                    long retentionMs = Long.parseLong(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                            .get(TopicConfig.RETENTION_MS_CONFIG).value());
                    if (topic.equals(Topics.FLIGHT_TRACKING_OBSERVATIONS)) {
                        // The flight tracks keep track-points, the traffic statistics 25 hours; the live map only now.
                        assertThat(retentionMs).as("%s read by %s", topic, definition.name())
                                .isEqualTo(retention.observations().toMillis())
                                .isGreaterThanOrEqualTo(retention.trackPoints().toMillis())
                                .isGreaterThanOrEqualTo(Duration.ofHours(25).toMillis());
                    } else {
                        // Everything else a rebuild reads is a context's published events: the whole history.
                        assertThat(retentionMs).as("%s read by %s", topic, definition.name()).isEqualTo(-1L);
                    }
                }
            }
        }
        assertThat(read).contains(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS, Topics.AIRPORT_EVENTS, Topics.AIRSPACE_EVENTS);
    }

    @Test
    @Order(2)
    void republishingEveryEventChangesNothingDownstreamAirspaceAndAirportsIncluded() throws Exception {
        Map<String, Long> eventsBefore = eventStoreCounts();
        Map<String, Map<String, List<String>>> before = new HashMap<>();
        definitions.forEach(definition -> before.put(definition.name(), dump(definition)));
        long endBefore = endOffsets(Topics.FLIGHT_TRACKING_EVENTS, Topics.AIRPORT_EVENTS, Topics.AIRSPACE_EVENTS);
        long stored = eventsBefore.values().stream().mapToLong(Long::longValue).sum();
        assertThat(eventsBefore.keySet()).anyMatch(type -> type.endsWith("AircraftEnteredAirspace"))
                .anyMatch(type -> type.endsWith("AircraftExitedAirspace")).anyMatch(type -> type.endsWith("DepartureRecorded"))
                .anyMatch(type -> type.endsWith("ArrivalRecorded"));

        var republish = admin.document("mutation { republishEvents { events published } }").execute();
        long republished = republish.path("republishEvents.events").entity(Long.class).get();
        long published = republish.path("republishEvents.published").entity(Long.class).get();
        assertThat(republished).isEqualTo(stored);
        // The aircraft's own bookkeeping (a touchdown awaiting its confirmation: ADR 0022) is stored, never published.
        long unpublished = eventsBefore.entrySet().stream().filter(entry -> entry.getKey().endsWith("TouchdownReported")
                || entry.getKey().endsWith("LiftOffReported") || entry.getKey().endsWith("GroundStateFlickered"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(published).isEqualTo(stored - unpublished);

        // Every published event is on its topic a second time, and the intakes that turn events into commands have read them all.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                .until(() -> endOffsets(Topics.FLIGHT_TRACKING_EVENTS, Topics.AIRPORT_EVENTS, Topics.AIRSPACE_EVENTS) >= endBefore + published);
        awaitQuiet();

        assertThat(eventStoreCounts()).as("domain events per aggregate and event type").isEqualTo(eventsBefore);
        definitions.forEach(definition -> assertThat(dump(definition)).as(definition.name()).isEqualTo(before.get(definition.name())));
    }

    @Test
    @Order(3)
    void thePurgeDeletesTrackPointsAndHourlyCountsPastTheirRetentionInBatchesAndCountsThem() {
        long pointsBefore = count("track_point");
        long entryHoursBefore = count("airspace_entries_hour");
        long movementHoursBefore = count("airport_movement_hour");
        assertThat(pointsBefore).isPositive();
        assertThat(entryHoursBefore).isPositive();
        assertThat(movementHoursBefore).isPositive();
        Instant now = Instant.now();
        // Rows of long ago, as a serving generation that has run for weeks would hold: 20 track points just past the
        // retention and 3 just within it; hourly counts likewise.
        for (int i = 0; i < 20; i++) {
            jdbc.update("INSERT INTO track_point (icao24, observed_at, latitude, longitude, on_ground) VALUES ('00dead', ?, 38.9, -77.4, false)",
                    Timestamp.from(now.minus(retention.trackPoints()).minus(Duration.ofMinutes(1 + i))));
        }
        for (int i = 0; i < 3; i++) {
            jdbc.update("INSERT INTO track_point (icao24, observed_at, latitude, longitude, on_ground) VALUES ('00a1ve', ?, 38.9, -77.4, false)",
                    Timestamp.from(now.minus(retention.trackPoints()).plus(Duration.ofMinutes(10 + i))));
        }
        Instant oldHour = now.minus(retention.hourlyCounts()).truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        for (int i = 0; i < 9; i++) {
            // One volume id in two sources (ADR 0021), a row each: both go.
            jdbc.update("INSERT INTO airspace_entries_hour (airspace_id, source, hour, entries) VALUES ('OLD-" + (i / 2) + "', ?, ?, 5)",
                    "source-" + (i % 2), Timestamp.from(oldHour));
            jdbc.update("INSERT INTO airport_movement_hour (airport_ident, hour, departures, arrivals) VALUES ('OLD" + i + "', ?, 1, 1)",
                    Timestamp.from(oldHour.minus(Duration.ofHours(i))));
        }
        double purgedBefore = purgedMetric("track_point");

        Map<String, Long> purged = purge.purge();

        assertThat(purged).containsEntry("track_point", 20L).containsEntry("airspace_entries_hour", 9L).containsEntry("airport_movement_hour", 9L);
        assertThat(count("track_point")).isEqualTo(pointsBefore + 3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_point WHERE icao24 = '00dead'", Long.class)).isZero();
        assertThat(count("airspace_entries_hour")).isEqualTo(entryHoursBefore);
        assertThat(count("airport_movement_hour")).isEqualTo(movementHoursBefore);
        assertThat(purgedMetric("track_point") - purgedBefore).isEqualTo(20.0);
        // Nothing more to purge.
        assertThat(purge.purge()).containsEntry("track_point", 0L);
    }

    @Test
    @Order(4)
    void theDeadLetterOperationsAreAdminOnly() {
        anonymous.document("{ deadLetters { total } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
        anonymous.document("mutation { redriveDeadLetters { redriven } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
        admin.document("{ deadLetters(after: \"not-a-cursor\") { total } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
        admin.document("mutation { redriveDeadLetters(max: 0) { redriven } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
    }

    @Test
    @Order(5)
    void aDeadLetteredStateVectorIsReDrivenOnceItsCauseIsFixedAndNeverTwice() throws Exception {
        String icao24 = Aircraft.uniqueIcao24();
        OpenSkyStateVector vector = RawStateVectors.overDulles(icao24, Instant.now().getEpochSecond()).build();
        byte[] original = AvroSerde.of(OpenSkyStateVector.class).serializer().serialize(Topics.OPENSKY_STATE_VECTORS, vector);
        String letter = deadLetter(original, icao24, Topics.OPENSKY_STATE_VECTORS, "refinement", "database down (test)");
        String fromCapture = deadLetter("not a state vector".getBytes(UTF_8), null, null, "capture", "not JSON (test)");

        var listed = admin.document("""
                        { deadLetters(stage: "refinement", first: 1000) { total pending counts { stage topic total pending }
                            letters { cursor stage reason topic sourcePartition sourceOffset pending } } }""").execute();
        List<Map<String, Object>> letters = listed.path("deadLetters.letters").entityList(mapType()).get();
        assertThat(letters).filteredOn(l -> letter.equals(l.get("cursor"))).singleElement().satisfies(l -> {
            assertThat(l.get("reason")).isEqualTo("database down (test)");
            assertThat(l.get("topic")).isEqualTo(Topics.OPENSKY_STATE_VECTORS);
            assertThat(l.get("sourcePartition")).isEqualTo(0);
            assertThat(((Number) l.get("sourceOffset")).longValue()).isEqualTo(41L);
            assertThat(l.get("pending")).isEqualTo(true);
        });
        assertThat(letters).allSatisfy(l -> assertThat(l.get("stage")).isEqualTo("refinement"));
        assertThat(listed.path("deadLetters.counts[*].stage").entityList(String.class).get()).containsOnly("refinement");

        var redrive = admin.document("mutation { redriveDeadLetters { redriven skipped pending skippedLetters { cursor stage } } }").execute();
        assertThat(redrive.path("redriveDeadLetters.redriven").entity(Integer.class).get()).isGreaterThanOrEqualTo(1);
        assertThat(redrive.path("redriveDeadLetters.skippedLetters[*].cursor").entityList(String.class).get()).contains(fromCapture);

        // It went through the whole pipeline: the aircraft is on the map.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                anonymous.document("{ flight(icao24: \"" + icao24 + "\") { icao24 } }").execute()
                        .path("flight.icao24").entity(String.class).isEqualTo(icao24));
        // A second re-drive does not send it again, nor report the skipped one again.
        var again = admin.document("mutation { redriveDeadLetters { skippedLetters { cursor } } }").execute();
        assertThat(again.path("redriveDeadLetters.skippedLetters[*].cursor").entityList(String.class).get()).doesNotContain(fromCapture);
        assertThat(TopicReader.readAll(bootstrapServers, Topics.OPENSKY_STATE_VECTORS)).filteredOn(r -> icao24.equals(r.key())).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(original);
                    assertThat(TopicReader.header(r, DeadLetterRedrive.REDRIVEN_FOR)).isEqualTo("refinement");
                    assertThat(r.partition()).isZero();
                });
        assertThat(admin.document("{ deadLetters(stage: \"refinement\", first: 1000) { letters { cursor pending } } }").execute()
                .path("deadLetters.letters").entityList(mapType()).get())
                .filteredOn(l -> letter.equals(l.get("cursor"))).singleElement().satisfies(l -> assertThat(l.get("pending")).isEqualTo(false));
    }

    @Test
    @Order(6)
    void theCommandLineListsAndReDrivesWithExitCodes() throws Exception {
        String icao24 = Aircraft.uniqueIcao24();
        byte[] original = AvroSerde.of(OpenSkyStateVector.class).serializer()
                .serialize(Topics.OPENSKY_STATE_VECTORS, RawStateVectors.overDulles(icao24, Instant.now().getEpochSecond()).build());
        String letter = deadLetter(original, icao24, Topics.OPENSKY_STATE_VECTORS, "refinement", "database down (cli test)");
        String fromCapture = deadLetter("still not a state vector".getBytes(UTF_8), null, null, "capture", "not JSON (cli test)");

        var listing = new StringWriter();
        int listed = ContrailCli.commandLine().setOut(new PrintWriter(listing)).setErr(new PrintWriter(listing))
                .execute("dead-letters", "--stage", "capture", "--first", "1000", "--url", graphQlHttpUrl(), "--user", "operator", "--password", PASSWORD);
        assertThat(listed).as(listing.toString()).isZero();
        assertThat(listing.toString()).contains(fromCapture).contains("not JSON (cli test)").contains("pending");

        var output = new StringWriter();
        int exit = ContrailCli.commandLine().setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                .execute("redrive", "--url", graphQlHttpUrl(), "--user", "operator", "--password", PASSWORD);
        // A dead letter it could not send back is an operation that ended badly: exit 1, and it says which.
        assertThat(exit).as(output.toString()).isEqualTo(1);
        assertThat(output.toString()).containsPattern("Re-drove [1-9][0-9,]* dead letters").contains("skipped " + fromCapture);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                anonymous.document("{ flight(icao24: \"" + icao24 + "\") { icao24 } }").execute()
                        .path("flight.icao24").entity(String.class).isEqualTo(icao24));
        assertThat(letter).isNotBlank();

        var refused = new StringWriter();
        assertThat(ContrailCli.commandLine().setOut(new PrintWriter(refused)).setErr(new PrintWriter(refused))
                .execute("redrive", "--url", graphQlHttpUrl(), "--user", "operator", "--password", "wrong")).isEqualTo(3);
        assertThat(refused.toString()).contains("HTTP 401");
        var anonymousCli = new StringWriter();
        assertThat(ContrailCli.commandLine().setOut(new PrintWriter(anonymousCli)).setErr(new PrintWriter(anonymousCli))
                .execute("dead-letters", "--url", graphQlHttpUrl(), "--password", "")).isEqualTo(3);
        assertThat(anonymousCli.toString()).contains("UNAUTHORIZED");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Puts a dead letter on the topic as a stage would: headers, original bytes; returns its cursor. */
    private String deadLetter(byte[] value, String key, String topic, String stage, String reason) throws Exception {
        var headers = new RecordHeaders()
                .add(DeadLetterHeaders.REASON, reason.getBytes(UTF_8))
                .add(DeadLetterHeaders.STAGE, stage.getBytes(UTF_8))
                .add(DeadLetterHeaders.SOURCE, (topic == null ? "capture/data-001.json" : topic + "-0@41").getBytes(UTF_8));
        if (topic != null) {
            headers.add(DeadLetterHeaders.TOPIC, topic.getBytes(UTF_8))
                    .add(DeadLetterHeaders.PARTITION, "0".getBytes(UTF_8))
                    .add(DeadLetterHeaders.OFFSET, "41".getBytes(UTF_8));
        }
        if (key != null) {
            headers.add(DeadLetterHeaders.KEY, key.getBytes(UTF_8));
        }
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null,
                    (topic == null ? "capture" : topic).getBytes(UTF_8), value, headers)).get();
            return sent.partition() + ":" + sent.offset();
        }
    }

    private static OpenSkyStateVector vector(String icao24, long at, double latitude, double longitude, double altitude, boolean onGround,
                                             double speed) {
        return RawStateVectors.overDulles(icao24, at).setLatitude(latitude).setLongitude(longitude)
                .setBaroAltitude(altitude).setGeoAltitude(altitude).setOnGround(onGround).setVelocity(speed)
                .setTrueTrack(onGround ? 290.0 : 100.0).setCallsign("RTR" + icao24.substring(3) + " ").setSquawk("1200").build();
    }

    /** The rows the query returns that mention one of this test's aircraft. */
    private List<String> ours(String sql) {
        return jdbc.queryForList(sql, String.class).stream().filter(row -> flights.stream().anyMatch(row::contains)).toList();
    }

    /** Domain events in the event store per aggregate type and event type. */
    private Map<String, Long> eventStoreCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT type || ' ' || payload_type AS kind, count(*) AS n FROM domain_event_entry GROUP BY 1",
                row -> {
                    counts.put(row.getString("kind"), row.getLong("n"));
                });
        return counts;
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private double purgedMetric(String table) {
        var counter = meters.find("contrail.retention.purged").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every row of the projection's tables as PostgreSQL's text of the row, in one order. */
    private Map<String, List<String>> dump(ProjectionDefinition definition) {
        Map<String, List<String>> rows = new HashMap<>();
        for (String table : definition.tables()) {
            rows.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t ORDER BY 1", String.class));
        }
        return rows;
    }

    /** Waits until every intake and projection has processed everything and the topics have stopped growing. */
    private void awaitQuiet() {
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("flight-tracking-intake"), Topics.FLIGHT_TRACKING_OBSERVATIONS,
                Duration.ofSeconds(300));
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("airspace-presence"), Topics.FLIGHT_TRACKING_EVENTS, Duration.ofSeconds(300));
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("airport-intake"), Topics.FLIGHT_TRACKING_EVENTS, Duration.ofSeconds(300));
        List<Long> ends = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long end = endOffsets(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS, Topics.AIRPORT_EVENTS, Topics.AIRSPACE_EVENTS);
            ends.add(end);
            boolean stable = ends.size() >= 5 && ends.subList(ends.size() - 5, ends.size()).stream().allMatch(e -> e == end);
            return stable && registry.statuses().stream().allMatch(status -> status.serving().lag() == 0);
        });
    }

    private long endOffsets(String... topics) throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            kafka.describeTopics(List.of(topics)).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(partition -> request.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            return kafka.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }
}

package dev.contrail.api.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.cli.ContrailCli;
import dev.contrail.projections.Generation;
import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.projections.ReplayProgress;
import dev.contrail.readmodels.flighttracking.FlightTracksProjection;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import picocli.CommandLine;

/**
 * Replay (ADR 0010) against real Kafka and PostgreSQL: every projection is rebuilt while queries run in a loop
 * against it, and no query fails or sees anything but the whole model; the rebuilt model equals the one it replaced
 * row for row, and a second rebuild gives the same again; a cancelled or failed rebuild leaves the serving
 * generation as it was, and a new rebuild then succeeds; republishing every event changes no projection; and the
 * operations are admin-only over HTTP and WebSocket.
 *
 * <p>The model must not change while it is compared, so nothing is fed during the rebuilds: the input is written
 * once, up front, and the test waits until every projection has caught up and the topics are quiet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "contrail.admin.username=operator",
    "contrail.admin.password=" + ProjectionReplayIT.PASSWORD,
    "contrail.projections.progress-interval=200ms"})
class ProjectionReplayIT extends ContrailIntegrationTest {

    static final String PASSWORD = "test-operator-secret";
    private static final int AIRCRAFT = 40;
    private static final int OBSERVATIONS_EACH = 1000;

    @Autowired
    private ProjectionRegistry registry;
    @Autowired
    private List<ProjectionDefinition> definitions;
    @Autowired
    private JdbcTemplate jdbc;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private HttpGraphQlTester admin;
    private HttpGraphQlTester anonymous;

    @BeforeAll
    void trafficToProject() throws Exception {
        admin = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .defaultHeaders(headers -> headers.setBasicAuth("operator", PASSWORD))
                .responseTimeout(Duration.ofSeconds(30)).build());
        anonymous = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .responseTimeout(Duration.ofSeconds(30)).build());

        // 40 aircraft, 1,000 observations each, an hour ago: positions for the tracks, the live map and the traffic
        // statistics, and (through the intake) flights and events for the flight history.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        var serde = AvroSerde.of(AircraftObservation.class);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer())) {
            for (int a = 0; a < AIRCRAFT; a++) {
                String icao24 = Aircraft.uniqueIcao24();
                for (int i = 0; i < OBSERVATIONS_EACH; i++) {
                    Instant at = start.plusSeconds(i);
                    var observation = AircraftObservation.newBuilder()
                            .setIcao24(icao24).setObservedAt(at).setPositionAt(at)
                            .setCallsign("RPL" + a).setOriginCountry("Kiribati")
                            .setLatitude(-40.0 + a * 0.1 + i * 0.001).setLongitude(-150.0 + i * 0.001)
                            .setBarometricAltitudeM(9000.0 + i).setGeometricAltitudeM(9100.0 + i)
                            .setOnGround(false).setGroundSpeedMps(230.0).setTrackDeg(45.0).setVerticalRateMps(1.0)
                            .setSquawk("2000").setSource("test").build();
                    producer.send(new ProducerRecord<>(Topics.FLIGHT_TRACKING_OBSERVATIONS, icao24,
                            serde.serializer().serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation)));
                }
            }
        }
        // Two emergencies, through the whole pipeline, for the emergencies projection.
        long now = Instant.now().getEpochSecond();
        try (var raw = new RawStateVectors(bootstrapServers)) {
            for (String icao24 : List.of(Aircraft.uniqueIcao24(), Aircraft.uniqueIcao24())) {
                raw.send(RawStateVectors.overDulles(icao24, now).build());
                raw.send(RawStateVectors.overDulles(icao24, now + 5).setSquawk("7700").build());
            }
        }
        awaitQuiet();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM emergency", Long.class)).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM track_point", Long.class)).isGreaterThanOrEqualTo(AIRCRAFT * OBSERVATIONS_EACH);
    }

    @Test
    @Order(1)
    void theOperationsAreRejectedWithoutAdminCredentials() {
        anonymous.document("mutation { replayProjection(name: \"emergencies\") { generation } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
        anonymous.document("mutation { republishEvents { events } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
        // Wrong credentials are turned away before GraphQL, with HTTP's own answer.
        WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).build().post()
                .headers(headers -> headers.setBasicAuth("operator", "not-the-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "mutation { replayProjection(name: \"emergencies\") { generation } }"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
        // Over the WebSocket too.
        ClientGraphQlResponse overWebSocket = webSocket(false)
                .document("mutation { cancelReplay(name: \"emergencies\") { generation } }").execute().block(Duration.ofSeconds(30));
        assertThat(overWebSocket.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED));

        assertThat(registry.statuses()).allSatisfy(status -> {
            assertThat(status.rebuilding()).isNull();
            assertThat(status.serving().generation()).isEqualTo(1);
        });
        // Reading the projections' state is open.
        anonymous.document("{ projections { name state serving { generation lag } } }").execute()
                .path("projections[*].name").entityList(String.class).contains("live-flights", "flight-tracks", "flight-history",
                        "emergencies", "traffic-stats");
    }

    @Test
    @Order(2)
    void everyProjectionRebuildsTwiceWhileQueriesKeepSeeingTheWholeModel() throws Exception {
        for (ProjectionDefinition definition : definitions) {
            Map<String, List<String>> before = dump(definition);
            for (int rebuild = 1; rebuild <= 2; rebuild++) {
                int serving = registry.status(definition.name()).serving().generation();
                String oldSchema = registry.status(definition.name()).serving().schema();
                String oldApplication = registry.status(definition.name()).serving().applicationId();
                Map<String, Integer> others = servingGenerationsExcept(definition.name());

                try (var queries = new QueryLoop(definition)) {
                    int generation = admin.document("mutation($name: String!) { replayProjection(name: $name) { generation state } }")
                            .variable("name", definition.name()).execute()
                            .path("replayProjection.state").entity(String.class).isEqualTo("REBUILDING")
                            .path("replayProjection.generation").entity(Integer.class).get();
                    assertThat(generation).isGreaterThan(serving);

                    awaitServing(definition.name(), generation);
                    queries.runAtLeast(3);
                    queries.assertEveryQuerySaw(checksums(before));
                }

                assertThat(dump(definition)).as("%s after rebuild %d", definition.name(), rebuild).isEqualTo(before);
                assertThat(schemaExists(oldSchema)).as("old schema %s dropped", oldSchema).isFalse();
                assertThat(consumerGroupExists(oldApplication)).as("old consumer group %s deleted", oldApplication).isFalse();
                assertThat(servingGenerationsExcept(definition.name())).as("the other projections were left alone").isEqualTo(others);
            }
        }
    }

    @Test
    @Order(3)
    void progressReachesTheSubscribersOverTheWebSocket() {
        WebSocketGraphQlClient operator = webSocket(true);
        ClientGraphQlResponse started = operator.document("mutation { replayProjection(name: \"flight-tracks\") { generation } }")
                .execute().block(Duration.ofSeconds(30));
        assertThat(started.getErrors()).isEmpty();
        int generation = started.field("replayProjection.generation").toEntity(Integer.class);

        List<Map<String, Object>> reports = webSocket(false)
                .document("subscription { replayProgress(projection: \"flight-tracks\") { generation state eventsDone eventsTotal fraction eventsPerSecond etaSeconds } }")
                .retrieveSubscription("replayProgress").toEntity(Map.class)
                .map(report -> (Map<String, Object>) report)
                .collectList().block(Duration.ofSeconds(120));
        // The subscription may start after the rebuild took over; then it is just the outcome.
        assertThat(reports).isNotEmpty().allSatisfy(report -> assertThat(report.get("generation")).isEqualTo(generation));
        Map<String, Object> last = reports.get(reports.size() - 1);
        assertThat(last.get("state")).isEqualTo("SERVING");
        assertThat(((Number) last.get("eventsDone")).longValue()).isEqualTo(((Number) last.get("eventsTotal")).longValue())
                .isGreaterThanOrEqualTo((long) AIRCRAFT * OBSERVATIONS_EACH);
        reports.forEach(report -> assertThat(((Number) report.get("eventsDone")).longValue())
                .isLessThanOrEqualTo(((Number) report.get("eventsTotal")).longValue()));
    }

    @Test
    @Order(4)
    void aCancelledRebuildLeavesTheServingGenerationAndTheNextRebuildSucceeds() {
        ProjectionDefinition tracks = definition(FlightTracksProjection.NAME);
        Map<String, List<String>> before = dump(tracks);
        int serving = registry.status(tracks.name()).serving().generation();

        int cancelled = startRebuildAndAwaitItMidway(tracks.name());
        String cancelledSchema = registry.status(tracks.name()).rebuilding().schema();
        admin.document("mutation { cancelReplay(name: \"flight-tracks\") { generation state reason } }").execute()
                .path("cancelReplay.generation").entity(Integer.class).isEqualTo(cancelled)
                .path("cancelReplay.state").entity(String.class).isEqualTo("CANCELLED");

        assertThat(registry.status(tracks.name()).serving().generation()).isEqualTo(serving);
        assertThat(registry.status(tracks.name()).rebuilding()).isNull();
        assertThat(schemaExists(cancelledSchema)).isFalse();
        assertThat(dump(tracks)).isEqualTo(before);

        int next = admin.document("mutation { replayProjection(name: \"flight-tracks\") { generation } }").execute()
                .path("replayProjection.generation").entity(Integer.class).get();
        awaitServing(tracks.name(), next);
        assertThat(dump(tracks)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aFailedRebuildLeavesTheServingGenerationAndSaysWhy() {
        ProjectionDefinition tracks = definition(FlightTracksProjection.NAME);
        Map<String, List<String>> before = dump(tracks);
        int serving = registry.status(tracks.name()).serving().generation();

        int failing = startRebuildAndAwaitItMidway(tracks.name());
        // The rebuilding generation's tables vanish under it: its writes fail, and so does its Kafka Streams application.
        jdbc.execute("DROP SCHEMA " + registry.status(tracks.name()).rebuilding().schema() + " CASCADE");

        await().atMost(Duration.ofSeconds(60)).until(() -> registry.status(tracks.name()).rebuilding() == null);
        ReplayProgress outcome = registry.status(tracks.name()).progress();
        assertThat(outcome.generation()).isEqualTo(failing);
        assertThat(outcome.state()).isEqualTo(Generation.State.FAILED);
        assertThat(outcome.reason()).isNotBlank();
        assertThat(registry.status(tracks.name()).serving().generation()).isEqualTo(serving);
        assertThat(registry.status(tracks.name()).state()).isEqualTo("RUNNING");
        assertThat(dump(tracks)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT state FROM projection_generation WHERE projection = ? AND generation = ?",
                String.class, tracks.name(), failing)).isEqualTo("FAILED");
    }

    @Test
    @Order(6)
    void republishingEveryEventFromTheEventStoreChangesNoProjection() throws Exception {
        Map<String, Map<String, List<String>>> before = new HashMap<>();
        definitions.forEach(definition -> before.put(definition.name(), dump(definition)));
        long endBefore = endOffsets(Topics.FLIGHT_TRACKING_EVENTS);
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        var republish = admin.document("mutation { republishEvents { processor events published } }").execute();
        long republished = republish.path("republishEvents.events").entity(Long.class).get();
        long published = republish.path("republishEvents.published").entity(Long.class).get();

        assertThat(republished).isEqualTo(stored);
        assertThat(published).isPositive().isLessThanOrEqualTo(stored);
        await().atMost(Duration.ofSeconds(120)).until(() -> endOffsets(Topics.FLIGHT_TRACKING_EVENTS) >= endBefore + published);
        awaitQuiet();
        definitions.forEach(definition -> assertThat(dump(definition)).as(definition.name()).isEqualTo(before.get(definition.name())));
    }

    @Test
    @Order(7)
    void theCommandLineReplaysWithAProgressBarAndTellsTheOutcome() {
        Map<String, List<String>> before = dump(definition("emergencies"));
        var output = new StringWriter();
        CommandLine cli = ContrailCli.commandLine().setOut(new PrintWriter(output)).setErr(new PrintWriter(output));

        int exit = cli.execute("replay", "emergencies", "--url", graphQlHttpUrl(), "--user", "operator", "--password", PASSWORD);

        assertThat(exit).as(output.toString()).isZero();
        int generation = registry.status("emergencies").serving().generation();
        assertThat(output.toString())
                .contains("Rebuilding emergencies as generation " + generation)
                .contains("Generation " + generation + " of emergencies: SERVING");
        assertThat(dump(definition("emergencies"))).isEqualTo(before);

        var table = new StringWriter();
        assertThat(ContrailCli.commandLine().setOut(new PrintWriter(table))
                .execute("projections", "--url", graphQlHttpUrl())).isZero();
        assertThat(table.toString()).contains("emergencies").contains("g" + generation + " SERVING");

        var refused = new StringWriter();
        assertThat(ContrailCli.commandLine().setOut(new PrintWriter(refused)).setErr(new PrintWriter(refused))
                .execute("replay", "emergencies", "--url", graphQlHttpUrl(), "--user", "operator", "--password", "wrong"))
                .isEqualTo(3);
        assertThat(refused.toString()).contains("HTTP 401").contains("check --user and --password");
        assertThat(registry.status("emergencies").serving().generation()).isEqualTo(generation);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Queries the projection's tables through the public views, over and over, in the background, as users would. */
    private final class QueryLoop implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger rounds = new AtomicInteger();
        private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final Thread thread;

        QueryLoop(ProjectionDefinition definition) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        seen.add(checksums(definition));
                        // And through GraphQL, which reads the same views through JPA.
                        anonymous.document("{ flights(first: 1, includeLost: true) { edges { node { icao24 } } } }").execute()
                                .errors().verify();
                        rounds.incrementAndGet();
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                }
            }, "query-loop-" + definition.name());
            thread.start();
        }

        void runAtLeast(int count) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rounds.get() >= count);
        }

        void assertEveryQuerySaw(Map<String, String> expected) {
            assertThat(failures).as("failed queries").isEmpty();
            assertThat(seen).as("every query saw the whole model").isNotEmpty().allSatisfy(checksums -> assertThat(checksums).isEqualTo(expected));
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private Map<String, String> checksums(ProjectionDefinition definition) {
        Map<String, String> checksums = new HashMap<>();
        for (String table : definition.tables()) {
            checksums.put(table, jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                    + table + " t", String.class));
        }
        return checksums;
    }

    private Map<String, String> checksums(Map<String, List<String>> dump) {
        Map<String, String> checksums = new HashMap<>();
        dump.forEach((table, rows) -> checksums.put(table, jdbc.queryForObject(
                "SELECT ? || ':' || coalesce(md5(?), '')", String.class, rows.size(), rows.isEmpty() ? null : String.join("|", rows))));
        return checksums;
    }

    /** Every row of the projection's tables as PostgreSQL's text of the row, in one order: equal dumps are equal tables. */
    private Map<String, List<String>> dump(ProjectionDefinition definition) {
        Map<String, List<String>> rows = new HashMap<>();
        for (String table : definition.tables()) {
            rows.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t ORDER BY 1", String.class));
        }
        return rows;
    }

    /** Starts a rebuild and returns once it runs, long before it can have caught up with 40,000 records. */
    private int startRebuildAndAwaitItMidway(String name) {
        int generation = admin.document("mutation($name: String!) { replayProjection(name: $name) { generation } }")
                .variable("name", name).execute()
                .path("replayProjection.generation").entity(Integer.class).get();
        ReplayProgress midway = registry.status(name).progress();
        assertThat(midway.generation()).isEqualTo(generation);
        assertThat(midway.state()).isEqualTo(Generation.State.REBUILDING);
        assertThat(midway.eventsDone()).isLessThan(midway.eventsTotal());
        return generation;
    }

    /** Waits until GraphQL's {@code projections} shows the generation serving and nothing rebuilding. */
    @SuppressWarnings("unchecked")
    private void awaitServing(String name, int generation) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> projections = (List<Map<String, Object>>) (List<?>) anonymous
                    .document("query { projections { name serving { generation } rebuilding { generation } } }").execute()
                    .path("projections").entityList(Map.class).get();
            Map<String, Object> projection = projections.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
            return projection.get("rebuilding") == null
                    && Integer.valueOf(generation).equals(((Map<String, Object>) projection.get("serving")).get("generation"));
        });
    }

    /** Waits until every projection has processed everything, and the topics have stopped growing. */
    private void awaitQuiet() {
        List<Long> ends = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long end = endOffsets(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS);
            ends.add(end);
            boolean stable = ends.size() >= 4 && ends.subList(ends.size() - 4, ends.size()).stream().allMatch(e -> e == end);
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

    private boolean consumerGroupExists(String group) throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return kafka.listConsumerGroups().all().get().stream().anyMatch(listing -> listing.groupId().equals(group));
        }
    }

    private boolean schemaExists(String schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ?)", Boolean.class, schema));
    }

    private Map<String, Integer> servingGenerationsExcept(String name) {
        Map<String, Integer> generations = new HashMap<>();
        registry.statuses().stream().filter(status -> !status.name().equals(name))
                .forEach(status -> generations.put(status.name(), status.serving().generation()));
        return generations;
    }

    private ProjectionDefinition definition(String name) {
        return definitions.stream().filter(definition -> definition.name().equals(name)).findFirst().orElseThrow();
    }

    private WebSocketGraphQlClient webSocket(boolean authenticated) {
        var builder = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient());
        if (authenticated) {
            builder.headers(headers -> headers.setBasicAuth("operator", PASSWORD));
        }
        return builder.build();
    }
}

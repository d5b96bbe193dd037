package dev.contrail.api.airport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.application.airport.AirportIndex;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.projections.ProjectionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.readmodels.airport.AirportFlightsProjection;
import dev.contrail.readmodels.airport.AirportMovementsProjection;
import dev.contrail.readmodels.airport.AirportsProjection;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.ArrivalRecorded;
import dev.contrail.schemas.airport.DepartureRecorded;
import dev.contrail.schemas.airport.MovementData;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.contrail.domain.airport.ImportOutcome;
import dev.contrail.infrastructure.airport.importing.AirportImportRunner;
import dev.contrail.infrastructure.airport.importing.AirportImporter;
import dev.contrail.infrastructure.airport.importing.OurAirportsCsv.Rejection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OurAirports import in the running application, on real PostgreSQL and Kafka: the sample around Dulles (with
 * three malformed rows) is imported at start-up in the background, the malformed rows are reported and the rest is
 * served by GraphQL; importing the same files again records nothing and leaves the read model as it was.
 */
@TestPropertySource(properties = {
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv"})
class AirportImportIT extends ContrailIntegrationTest {

    private static final String AIRPORTS = "classpath:ourairports-sample/airports.csv";
    private static final String RUNWAYS = "classpath:ourairports-sample/runways.csv";
    /** The idents of the refusal test's airports, which the other tests do not count. */
    private static final String REFUSAL_TEST_PREFIX = "ZR";
    private static final String KIAD = """
            { airport(icao: "KIAD") { ident type name elevationM iataCode scheduledService
                runways { name lengthM lowEnd { designator latitude longitude headingDeg } highEnd { designator headingDeg } } } }""";

    @Autowired
    private AirportImportRunner startUpImport;
    @Autowired
    private AirportImporter importer;
    @Autowired
    private AirportIndex index;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ProjectionRegistry projections;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private HttpGraphQlTester graphQl;
    private AirportImporter.Report startUp;

    @BeforeEach
    void waitForTheStartUpImport() throws Exception {
        // WebTestClient's default of 5 s per response is too short on a loaded 2-core CI machine.
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(60)).build());
        startUp = startUpImport.finished().get(60, TimeUnit.SECONDS);
    }

    @Test
    void theStartUpImportRegistersEveryReadableRowAndReportsTheMalformedOnesWithoutStopping() {
        assertThat(startUp.count(ImportOutcome.REGISTERED)).isEqualTo(14);
        assertThat(startUp.rejected()).isEqualTo(3);
        assertThat(startUp.rejections()).extracting(Rejection::toString).containsExactlyInAnyOrder(
                "runways.csv line 24: le_heading_degT is not a number: 'east'",
                "airports.csv line 6: expected 19 columns, found 5",
                "airports.csv line 10: latitude_deg is not a number: 'north'");
        assertThat(meters.get("contrail.airports.import.rows").tag("outcome", "rejected").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(registrationsInTheEventStore()).isEqualTo(14);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                graphQl.document(KIAD).execute().path("airport.runways[*].name").entityList(String.class)
                        .containsExactly("01C/19C", "01L/19R", "01R/19L", "12/30"));
        var kiad = graphQl.document(KIAD).execute();
        kiad.path("airport.name").entity(String.class).isEqualTo("Washington Dulles International Airport");
        kiad.path("airport.type").entity(String.class).isEqualTo("LARGE_AIRPORT");
        kiad.path("airport.iataCode").entity(String.class).isEqualTo("IAD");
        kiad.path("airport.runways[3].highEnd.designator").entity(String.class).isEqualTo("30");
        kiad.path("airport.runways[3].highEnd.headingDeg").entity(Double.class).isEqualTo(290.6);
    }

    @Test
    void reImportingTheSameFilesRecordsNothingAndChangesNoRow() {
        awaitAllAirportsServed();
        long eventsBefore = airportEvents();
        List<Map<String, Object>> rowsBefore = airportRows();

        var again = importer.importFiles(AIRPORTS, RUNWAYS, 2, 5);

        assertThat(again.count(ImportOutcome.UNCHANGED)).isEqualTo(14);
        assertThat(again.count(ImportOutcome.REGISTERED) + again.count(ImportOutcome.CHANGED)).isZero();
        assertThat(again.rejected()).isEqualTo(3);
        assertThat(airportEvents()).isEqualTo(eventsBefore);
        assertThat(airportRows()).isEqualTo(rowsBefore);
    }

    /**
     * ADR 0034 on the real event store: a batch whose commit PostgreSQL refuses because of one airport (a trigger stands
     * in for any refusal) stores nothing; its airports are imported again one by one, so that only that airport fails,
     * with its reason, and the others are registered once; the command side's index knows exactly the imported ones.
     */
    @Test
    void anAirportTheEventStoreRefusesFailsAloneAndTheRestOfItsBatchIsImported(@TempDir Path dir) throws IOException {
        String prefix = REFUSAL_TEST_PREFIX + Aircraft.uniqueIcao24().toUpperCase(java.util.Locale.ROOT);
        List<String> idents = List.of(prefix + "A", prefix + "B", prefix + "C");
        StringBuilder csv = new StringBuilder(new String(getClass().getResourceAsStream("/ourairports-sample/airports.csv").readAllBytes(),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow()).append('\n');
        for (int i = 0; i < idents.size(); i++) {
            // In the South Pacific, far from every other airport of the tests.
            csv.append("%d,\"%s\",\"small_airport\",\"Refusal test field %d\",%d.5,-140.5,10,\"OC\",\"ZZ\",\"ZZ-U-A\",\"Nowhere\",\"no\",,,,,,,%n"
                    .formatted(990_000 + i, idents.get(i), i, -50 + i));
        }
        Path airports = Files.writeString(dir.resolve("airports.csv"), csv);
        Path noRunways = Files.writeString(dir.resolve("runways.csv"), new String(getClass().getResourceAsStream("/ourairports-sample/runways.csv")
                .readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow() + "\n");
        int indexedBefore = index.size();
        jdbc.execute("""
                CREATE FUNCTION refuse_test_airport() RETURNS trigger AS $$ BEGIN
                  RAISE EXCEPTION 'airport %% refused by the test', NEW.aggregate_identifier; END $$ LANGUAGE plpgsql""".replace("%%", "%"));
        jdbc.execute("CREATE TRIGGER refuse_test_airport BEFORE INSERT ON domain_event_entry FOR EACH ROW WHEN (NEW.aggregate_identifier = 'airport:"
                + idents.get(1) + "') EXECUTE FUNCTION refuse_test_airport()");
        AirportImporter.Report report;
        try {
            report = importer.importFiles(airports.toUri().toString(), noRunways.toUri().toString(), 1, 3);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_test_airport ON domain_event_entry");
            jdbc.execute("DROP FUNCTION refuse_test_airport()");
        }

        assertThat(report.count(ImportOutcome.REGISTERED)).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.rejections()).singleElement().satisfies(rejection ->
                assertThat(rejection.reason()).startsWith(idents.get(1) + " failed").contains("refused by the test"));
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier LIKE ? ORDER BY 1",
                String.class, "airport:" + prefix + "%")).containsExactly("airport:" + idents.get(0), "airport:" + idents.get(2));
        assertThat(index.size()).isEqualTo(indexedBefore + 2);
        assertThat(index.near(-49.5, -140.5, 1_000)).isEmpty();
        assertThat(index.near(-50.5, -140.5, 1_000)).extracting(AirportDetails::ident).containsExactly(idents.get(0));
    }

    @Test
    void airportsAreServedByAreaTypeAndSearchAPageAtATime() {
        awaitAllAirportsServed();
        String query = """
                query($after: String) { airports(within: {south: 38.8, west: -77.6, north: 39.1, east: -77.3}, first: 3, after: $after) {
                  edges { cursor node { ident } } pageInfo { hasNextPage endCursor } } }""";
        var firstPage = graphQl.document(query).execute();
        firstPage.path("airports.edges[*].node.ident").entityList(String.class).containsExactly("26VA", "34VA", "6VG4");
        String cursor = firstPage.path("airports.pageInfo.endCursor").entity(String.class).get();
        graphQl.document(query).variable("after", cursor).execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("74VA", "KIAD", "US-10449");

        graphQl.document("{ airports(type: LARGE_AIRPORT) { edges { node { ident } } } }").execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("KBWI", "KDCA", "KIAD");
        graphQl.document("{ airports(search: \"reagan\") { edges { node { ident } } } }").execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("KDCA");
        graphQl.document("{ airports(first: 0) { edges { node { ident } } } }").execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("'first'")));
    }

    @Test
    void everyAirportProjectionIsUnchangedByRedelivery() {
        awaitAllAirportsServed();
        String airports = projections.servingApplicationId(AirportsProjection.NAME);
        Redelivery.awaitCaughtUp(bootstrapServers, airports, Topics.AIRPORT_EVENTS, Duration.ofSeconds(120));
        Set<String> sample = Set.copyOf(jdbc.queryForList("SELECT ident FROM airport", String.class));
        List<ConsumerRecord<String, byte[]>> reference = TopicReader.readAll(bootstrapServers, Topics.AIRPORT_EVENTS).stream()
                .filter(record -> sample.contains(record.key())).toList();
        Redelivery.assertUnchangedByRedelivery(bootstrapServers, airports, Topics.AIRPORT_EVENTS, reference, 11, airportRows(), this::airportRows);

        // Movements at two made-up airports, and a callsign change, for the boards, the hourly counts and the flights.
        String icao24 = Aircraft.uniqueIcao24();
        String origin = "ZO" + icao24.toUpperCase(java.util.Locale.ROOT);
        String destination = "ZD" + icao24.toUpperCase(java.util.Locale.ROOT);
        String flightId = icao24 + "-1678803647";
        Instant departed = Instant.parse("2023-03-14T14:20:57Z");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            var airportEvents = AvroSerde.of(AirportEvent.class).serializer();
            var flightEvents = AvroSerde.of(FlightTrackingEvent.class).serializer();
            producer.send(new ProducerRecord<>(Topics.AIRPORT_EVENTS, origin, airportEvents.serialize(Topics.AIRPORT_EVENTS,
                    movement(origin, flightId, icao24, "departure", departed, new DepartureRecorded(null)))));
            producer.send(new ProducerRecord<>(Topics.AIRPORT_EVENTS, destination, airportEvents.serialize(Topics.AIRPORT_EVENTS,
                    movement(destination, flightId, icao24, "arrival", departed.plusSeconds(3600), new ArrivalRecorded(null)))));
            producer.send(new ProducerRecord<>(Topics.FLIGHT_TRACKING_EVENTS, icao24, flightEvents.serialize(Topics.FLIGHT_TRACKING_EVENTS,
                    FlightTrackingEvent.newBuilder().setEventId("e1").setIcao24(icao24).setFlightId(flightId).setSequence(5)
                            .setOccurredAt(departed.plusSeconds(60))
                            .setPayload(CallsignChanged.newBuilder().setPreviousCallsign("TST1").setCallsign("TST123").build()).build())));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(movementRows(flightId, origin, destination)).hasSize(5)
                        .anySatisfy(row -> assertThat(row).containsEntry("callsign", "TST123").containsEntry("origin_ident", origin)
                                .containsEntry("destination_ident", destination)));
        String movements = projections.servingApplicationId(AirportMovementsProjection.NAME);
        String flights = projections.servingApplicationId(AirportFlightsProjection.NAME);
        Redelivery.awaitCaughtUp(bootstrapServers, movements, Topics.AIRPORT_EVENTS, Duration.ofSeconds(120));
        Redelivery.awaitCaughtUp(bootstrapServers, flights, Topics.AIRPORT_EVENTS, Duration.ofSeconds(120));
        Redelivery.awaitCaughtUp(bootstrapServers, flights, Topics.FLIGHT_TRACKING_EVENTS, Duration.ofSeconds(120));
        List<Map<String, Object>> applied = movementRows(flightId, origin, destination);
        List<ConsumerRecord<String, byte[]>> movementRecords = TopicReader.readAll(bootstrapServers, Topics.AIRPORT_EVENTS).stream()
                .filter(record -> record.key().equals(origin) || record.key().equals(destination)).toList();
        List<ConsumerRecord<String, byte[]>> callsignRecords = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS).stream()
                .filter(record -> record.key().equals(icao24)).toList();

        Redelivery.assertUnchangedByRedelivery(bootstrapServers, movements, Topics.AIRPORT_EVENTS, movementRecords, 12, applied,
                () -> movementRows(flightId, origin, destination));
        Redelivery.assertUnchangedByRedelivery(bootstrapServers, flights, Topics.FLIGHT_TRACKING_EVENTS, callsignRecords, 13, applied,
                () -> movementRows(flightId, origin, destination));
        graphQl.document("{ departures(airport: \"" + origin + "\") { id callsign flight { callsign destination { ident } } } }").execute()
                .path("departures[0].id").entity(String.class).isEqualTo(flightId + "/departure")
                .path("departures[0].callsign").entity(String.class).isEqualTo("TST1")
                .path("departures[0].flight.callsign").entity(String.class).isEqualTo("TST123");
        // Regression (issue 12): any since used to answer INTERNAL_ERROR (the SQL did not bind it). Inclusive.
        String board = "{ %s(airport: \"%s\", since: \"%s\") { id } }";
        graphQl.document(board.formatted("departures", origin, departed)).execute()
                .path("departures[*].id").entityList(String.class).containsExactly(flightId + "/departure");
        graphQl.document(board.formatted("departures", origin, departed.plusSeconds(1))).execute()
                .path("departures").entityList(Object.class).hasSize(0);
        graphQl.document(board.formatted("arrivals", destination, departed.plusSeconds(3600))).execute()
                .path("arrivals[*].id").entityList(String.class).containsExactly(flightId + "/arrival");
        // Counted once each, in their hours: 14:00 at the origin, 15:00 at the destination.
        String busiest = "{ busiestAirports(window: \"%s\", until: \"2023-03-14T15:30:00Z\", first: 100) { ident departures arrivals movements } }";
        // The hourly counts are a projection of their own, which the waits above do not cover: it may still be catching up.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var lastTwoHours = graphQl.document(busiest.formatted("PT2H")).execute();
            lastTwoHours.path("busiestAirports[?(@.ident == '" + origin + "')].departures").entityList(Integer.class).containsExactly(1);
            lastTwoHours.path("busiestAirports[?(@.ident == '" + origin + "')].arrivals").entityList(Integer.class).containsExactly(0);
            lastTwoHours.path("busiestAirports[?(@.ident == '" + destination + "')].arrivals").entityList(Integer.class).containsExactly(1);
            lastTwoHours.path("busiestAirports[?(@.ident == '" + destination + "')].movements").entityList(Integer.class).containsExactly(1);
        });
        graphQl.document(busiest.formatted("PT1H")).execute()
                .path("busiestAirports[?(@.ident == '" + origin + "')].movements").entityList(Integer.class).containsExactly(1);
        graphQl.document(busiest.formatted("PT1M")).execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("'window'")));
    }

    @Test
    void aSubscriberHearsEachNewMovementAtItsAirportOnceAndNothingOfRedeliveries() throws Exception {
        String icao24 = Aircraft.uniqueIcao24();
        String airport = "ZS" + icao24.toUpperCase(java.util.Locale.ROOT);
        List<String> heard = new CopyOnWriteArrayList<>();
        var client = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient()).build();
        Disposable subscription = client.document("subscription { airportMovements(airport: \"" + airport + "\") { id airport kind } }")
                .executeSubscription()
                .map(response -> response.field("airportMovements.id").toEntity(String.class))
                .subscribe(heard::add);
        List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            var serializer = AvroSerde.of(AirportEvent.class).serializer();
            // The subscription is registered asynchronously: a new departure every half second until one is heard.
            int[] flight = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String flightId = icao24 + "-" + (1678803647 + flight[0]++);
                var record = new ProducerRecord<>(Topics.AIRPORT_EVENTS, airport, serializer.serialize(Topics.AIRPORT_EVENTS,
                        movement(airport, flightId, icao24, "departure", LONG_AGO, new DepartureRecorded(null))));
                producer.send(record).get();
                sent.add(record);
                return !heard.isEmpty();
            });
            // Every departure sent once more, and one at another airport: nothing new for this subscriber.
            for (var record : sent) {
                producer.send(record).get();
            }
            // Another made-up airport: the topic is shared, and CaptureReplayIT counts KIAD's movements of the last hour.
            String elsewhere = "ZE" + icao24.toUpperCase(java.util.Locale.ROOT);
            producer.send(new ProducerRecord<>(Topics.AIRPORT_EVENTS, elsewhere, serializer.serialize(Topics.AIRPORT_EVENTS,
                    movement(elsewhere, icao24 + "-1", icao24, "arrival", LONG_AGO, new ArrivalRecorded(null))))).get();
        }
        String movements = projections.servingApplicationId(AirportMovementsProjection.NAME);
        Redelivery.awaitCaughtUp(bootstrapServers, movements, Topics.AIRPORT_EVENTS, Duration.ofSeconds(120));
        subscription.dispose();

        assertThat(heard).doesNotHaveDuplicates().isNotEmpty().allSatisfy(id -> assertThat(id).startsWith(icao24).endsWith("/departure"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM airport_movement WHERE airport_ident = ?", Long.class, airport))
                .isEqualTo(sent.size());
    }

    /**
     * When the made-up movements happened: long ago, so that they never count among the busiest airports of the last
     * hour that CaptureReplayIT asks for on the shared topic.
     */
    private static final Instant LONG_AGO = Instant.parse("2023-03-14T10:00:00Z");

    private static AirportEvent movement(String airport, String flightId, String icao24, String kind, Instant at, Object payload) {
        MovementData data = MovementData.newBuilder().setMovementId(flightId + "/" + kind).setFlightId(flightId).setIcao24(icao24)
                .setCallsign("TST1").setRunway("30").setLatitude(38.9).setLongitude(-77.4).build();
        if (payload instanceof DepartureRecorded d) {
            d.setMovement(data);
        } else if (payload instanceof ArrivalRecorded a) {
            a.setMovement(data);
        }
        return AirportEvent.newBuilder().setEventId(flightId + kind).setAirportIdent(airport).setAggregateId(flightId + "/" + kind)
                .setSequence(0).setOccurredAt(at).setPayload(payload).build();
    }

    private List<Map<String, Object>> movementRows(String flightId, String origin, String destination) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.queryForList(
                "SELECT * FROM airport_movement WHERE flight_id = ? ORDER BY movement_id", flightId));
        rows.addAll(jdbc.queryForList("SELECT * FROM airport_movement_hour WHERE airport_ident IN (?, ?) ORDER BY airport_ident, hour",
                origin, destination));
        rows.addAll(jdbc.queryForList("SELECT * FROM airport_flight WHERE flight_id = ?", flightId));
        return rows;
    }

    private void awaitAllAirportsServed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT count(*) FROM airport WHERE ident NOT LIKE ?", Long.class, REFUSAL_TEST_PREFIX + "%"))
                        .isEqualTo(14));
    }

    private long registrationsInTheEventStore() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Airport' AND payload_type LIKE '%AirportRegistered'",
                Long.class);
    }

    private long airportEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Airport'", Long.class);
    }

    private List<Map<String, Object>> airportRows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.queryForList("SELECT * FROM airport ORDER BY ident"));
        rows.addAll(jdbc.queryForList("SELECT * FROM airport_runway ORDER BY airport_ident, position"));
        return rows;
    }
}

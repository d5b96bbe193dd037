package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.readmodels.flighttracking.FlightHistoryProjection;
import dev.contrail.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The flight history end to end: observations told to the Aircraft aggregate become Flight Tracking's events on
 * Kafka, the flight-history projection turns them into one row per flight in PostgreSQL, and recentFlights serves
 * them. Redelivering every event again, in order and out of order, leaves the table as it was.
 */
class FlightHistoryIT extends ContrailIntegrationTest {

    private static final Position DULLES_RUNWAY_19C = new Position(38.9445, -77.4558, 95.0, 120.0);
    private static final Position CLIMBING_OUT_OF_DULLES = new Position(38.9301, -77.4602, 450.0, 480.0);
    private static final Position DEPARTING_DULLES = new Position(38.9100, -77.4700, 2100.0, 2130.0);
    private static final Position BOSTON_LOGAN = new Position(42.3656, -71.0096, 5.0, 20.0);
    private static final Position CLIMBING_OUT_OF_LOGAN = new Position(42.3800, -70.9900, 400.0, 430.0);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProjectionRegistry projections;

    private HttpGraphQlTester graphQl;

    @BeforeEach
    void connect() {
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .responseTimeout(Duration.ofSeconds(60)).build());
    }

    @Test
    void aFlightFromTheGateToBostonAndTheNextOneLostOnDepartureAreServedNewestFirst() {
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String icao24 = Aircraft.uniqueIcao24();
        String callsign = uniqueCallsign();
        String renamed = uniqueCallsign();

        flyToBostonAndBeLostOnTheWayBack(icao24, t0, callsign, renamed);

        FlightView lost = new FlightView(icao24 + "-" + t0.plusSeconds(3000).getEpochSecond(), icao24, renamed, "LOST",
                t0.plusSeconds(3000).toString(), place(CLIMBING_OUT_OF_LOGAN),
                t0.plusSeconds(3000).toString(), place(CLIMBING_OUT_OF_LOGAN),
                null, null,
                t0.plusSeconds(4000).toString(), t0.plusSeconds(3000).toString(), place(CLIMBING_OUT_OF_LOGAN),
                t0.plusSeconds(4000).toString());
        FlightView landed = new FlightView(icao24 + "-" + t0.getEpochSecond(), icao24, renamed, "LANDED",
                t0.toString(), place(DULLES_RUNWAY_19C),
                t0.plusSeconds(60).toString(), place(CLIMBING_OUT_OF_DULLES),
                t0.plusSeconds(1200).toString(), place(BOSTON_LOGAN),
                null, null, null,
                t0.plusSeconds(1200).toString());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(recentFlights(Map.of("icao24", icao24))).containsExactly(lost, landed));

        assertThat(recentFlights(Map.of("icao24", icao24.toUpperCase(), "first", 1))).as("first").containsExactly(lost);
        assertThat(recentFlights(Map.of("icao24", icao24, "since", t0.plusSeconds(2000).toString()))).as("since").containsExactly(lost);
        assertThat(recentFlights(Map.of("icao24", icao24, "since", t0.plusSeconds(4000).toString()))).as("since is exclusive").isEmpty();
        assertThat(recentFlights(Map.of("callsign", renamed.toLowerCase()))).as("callsign, any case").containsExactly(lost, landed);
        assertThat(recentFlights(Map.of("callsign", callsign))).as("only the latest callsign counts").isEmpty();
        assertThat(recentFlights(Map.of("since", t0.plusSeconds(1199).toString(), "first", 1000)))
                .as("every aircraft").contains(lost, landed);
    }

    @Test
    void aFlightDetectedAtTheGateThatNeverLeavesIsDetectedAndOneDetectedInTheAirIsAirborne() {
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String atTheGate = Aircraft.uniqueIcao24();
        String overhead = Aircraft.uniqueIcao24();

        observe(atTheGate, t0, "GATE1", DULLES_RUNWAY_19C, true, "1200");
        observe(overhead, t0, "OVER1", DEPARTING_DULLES, false, "1200");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(recentFlights(Map.of("icao24", atTheGate))).extracting(FlightView::status).containsExactly("DETECTED");
            assertThat(recentFlights(Map.of("icao24", overhead))).extracting(FlightView::status).containsExactly("AIRBORNE");
        });
    }

    @Test
    void redeliveringEveryEventAgainInOrderAndOutOfOrderLeavesEveryFlightAsItWas() {
        Instant t0 = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String icao24 = Aircraft.uniqueIcao24();
        flyToBostonAndBeLostOnTheWayBack(icao24, t0, uniqueCallsign(), uniqueCallsign());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(recentFlights(Map.of("icao24", icao24))).extracting(FlightView::status).containsExactly("LOST", "LANDED"));
        String projection = projections.servingApplicationId(FlightHistoryProjection.NAME);
        Redelivery.awaitCaughtUp(bootstrapServers, projection, Topics.FLIGHT_TRACKING_EVENTS, Duration.ofSeconds(120));
        List<Map<String, Object>> applied = flightsOf(icao24);
        List<ConsumerRecord<String, byte[]>> history = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS).stream()
                .filter(record -> icao24.equals(record.key())).toList();
        assertThat(history).as("detected, took off, callsign, landed, took off, lost, and positions").hasSizeGreaterThanOrEqualTo(6);

        Redelivery.assertUnchangedByRedelivery(bootstrapServers, projection, Topics.FLIGHT_TRACKING_EVENTS, history, 7600, applied,
                () -> flightsOf(icao24));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "since without an offset | since    | 2023-03-14T14:30:00 | must be an ISO-8601 date-time with an offset",
        "since not a time        | since    | yesterday           | was 'yesterday'",
        "icao24 too short        | icao24   | a655                | must be 6 hexadecimal digits, was 'a655'",
        "callsign with a dash    | callsign | UAL-1744            | must be 1 to 8 letters or digits, was 'UAL-1744'",
        "callsign too long       | callsign | UAL174400           | must be 1 to 8 letters or digits",
        "no flights              | first    | 0                   | must be within [1, 1000], was 0",
        "too many flights        | first    | 1001                | must be within [1, 1000], was 1001",
    })
    void anUnacceptableArgumentIsAnErrorNamingIt(String description, String argument, String value, String problem) {
        Object typed = argument.equals("first") ? (Object) Integer.valueOf(value) : value;

        graphQl.documentName("recentFlights").variable(argument, typed).execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST").containsEntry("argument", argument);
                    assertThat(error.getMessage()).startsWith("Invalid argument '" + argument + "'").contains(problem);
                }));
    }

    /**
     * At the gate at t0, airborne a minute later, renamed on the climb, down in Boston at t0 + 20 min; out again at
     * t0 + 50 min (the next flight), then nothing heard until the flight is declared lost at t0 + 4000 s.
     */
    private void flyToBostonAndBeLostOnTheWayBack(String icao24, Instant t0, String callsign, String renamed) {
        observe(icao24, t0, callsign, DULLES_RUNWAY_19C, true, "1200");
        observe(icao24, t0.plusSeconds(60), callsign, CLIMBING_OUT_OF_DULLES, false, "1200");
        observe(icao24, t0.plusSeconds(120), renamed, DEPARTING_DULLES, false, "1200");
        observe(icao24, t0.plusSeconds(1200), renamed, BOSTON_LOGAN, true, "1200");
        observe(icao24, t0.plusSeconds(3000), null, CLIMBING_OUT_OF_LOGAN, false, "1200");
        commands.sendAndWait(new DeclareFlightLost(icao24, t0.plusSeconds(3000), t0.plusSeconds(4000)));
    }

    private void observe(String icao24, Instant at, String callsign, Position position, boolean onGround, String squawk) {
        commands.sendAndWait(new RecordObservation(new Observation(Icao24.of(icao24), at, callsign, "United States", position, onGround,
                onGround ? 8.0 : 120.0, 190.0, onGround ? 0.0 : 10.0, squawk)));
    }

    private List<FlightView> recentFlights(Map<String, Object> arguments) {
        var request = graphQl.documentName("recentFlights");
        arguments.forEach(request::variable);
        return request.execute().path("recentFlights").entityList(FlightView.class).get();
    }

    /**
     * The aircraft's rows, every column. Only its own: each test context re-processes what earlier ones left on the
     * shared topics (e.g. a whole capture), so other rows may still be changing in the background.
     */
    private List<Map<String, Object>> flightsOf(String icao24) {
        return jdbc.queryForList("SELECT * FROM flight WHERE icao24 = ? ORDER BY flight_id", icao24);
    }

    private static String uniqueCallsign() {
        return "CTR" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    }

    private static PlaceView place(Position position) {
        return new PlaceView(position.latitude(), position.longitude(), position.barometricAltitudeM(), position.geometricAltitudeM());
    }

    /** A FlightRecord as the client reads it. */
    record FlightView(String flightId, String icao24, String callsign, String status,
                      String detectedAt, PlaceView detectedPosition, String tookOffAt, PlaceView tookOffPosition,
                      String landedAt, PlaceView landedPosition, String lostAt, String lastContactAt, PlaceView lostPosition,
                      String lastActivityAt) {
    }

    /** A Position as the client reads it. */
    record PlaceView(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {
    }
}

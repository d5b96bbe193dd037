package dev.contrail.api.flighttracking;

import static dev.contrail.api.flighttracking.LiveFlightsRecords.event;
import static dev.contrail.api.flighttracking.LiveFlightsRecords.observation;
import static dev.contrail.api.flighttracking.LiveFlightsRecords.position;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.readmodels.flighttracking.JdbcLiveFlightWriter;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightWriter;
import dev.contrail.readmodels.flighttracking.LiveFlightsProjection;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.SquawkChanged;
import dev.contrail.schemas.flighttracking.TookOff;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The live-flights read model on a real PostgreSQL: the projection's real topology and SQL, fed record by record
 * (TopologyTestDriver, so that the test decides exactly what is delivered when), then read back through GraphQL.
 *
 * <p>The aircraft live over the South Pacific, where none of the traffic other tests put on the shared broker flies
 * (this context's projection replays it too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFlightsReadModelIT extends ContrailIntegrationTest {

    private static final Map<String, Object> SOUTH_PACIFIC = Map.of("south", -56.0, "west", -146.0, "north", -54.0, "east", -144.0);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    @Autowired
    private ProjectionRegistry projections;
    private LiveFlightWriter writer;
    @Autowired
    private NamedParameterJdbcTemplate jdbc;
    @TempDir
    Path stateDir;

    private final List<LiveFlight> changes = Collections.synchronizedList(new ArrayList<>());
    private GraphQlTester graphQl;
    /** The aircraft of the query tests, in icao24 order: climbing, descending in an emergency, on the ground, lost. */
    private String climbing;
    private String descending;
    private String onGround;
    private String lost;

    @BeforeAll
    void aircraftForTheQueries() {
        writer = new JdbcLiveFlightWriter(projections.serving(LiveFlightsProjection.NAME).jdbc());
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(10)).build());
        List<String> icao24s = Stream.generate(Aircraft::uniqueIcao24).distinct().limit(4).sorted().toList();
        climbing = icao24s.get(0);
        descending = icao24s.get(1);
        onGround = icao24s.get(2);
        lost = icao24s.get(3);

        flyOver(climbing, "QFA1", "Australia", -55.0, -145.0, 9000.0, false, 8.0);
        flyOver(descending, "ANZ2", "New Zealand", -55.2, -145.2, 3000.0, false, -7.5);
        writer.apply(event(descending, descending + "-1", 1, T0.plusSeconds(5), SquawkChanged.newBuilder().setSquawk("7600").build()));
        writer.apply(event(descending, descending + "-1", 2, T0.plusSeconds(5),
                EmergencyDeclared.newBuilder().setKind(EmergencyKind.RADIO_FAILURE).setSquawk("7600").build()));
        flyOver(onGround, "QFA3", "Australia", -54.5, -144.5, null, true, null);
        flyOver(lost, "QFA4", "Australia", -55.5, -145.5, 11000.0, false, 0.0);
        writer.apply(event(lost, lost + "-1", 1, T0.plusSeconds(900), FlightLost.newBuilder().setLastContactAt(T0).setOnGround(false).build()));
    }

    @Test
    void aRedeliveryOfEveryRecordInAnyOrderLeavesTheTableAsItWasRowForRow() {
        String a = Aircraft.uniqueIcao24();
        String b = Aircraft.uniqueIcao24();
        String parked = Aircraft.uniqueIcao24();
        String undetected = Aircraft.uniqueIcao24();
        List<SpecificRecord> records = new ArrayList<>();
        records.addAll(aWholeDay(a));
        records.addAll(lostAndFoundAgain(b));
        // Rows that only one topic has written so far.
        records.add(event(parked, parked + "-1", 0, T0, detected("PARK1", null, true)));
        records.add(observation(undetected, T0).setLatitude(-10.0).build());
        List<String> aircraft = List.of(a, b, parked, undetected);

        try (var projection = new LiveFlightsRecords.Topology(stateDir, builder -> LiveFlightsProjection.addTo(builder, writer, changes::add))) {
            records.forEach(projection::send);
            List<Map<String, Object>> applied = rows(aircraft);
            assertThat(applied).hasSize(4);
            assertThat(changes).isNotEmpty();
            changes.clear();

            records.forEach(projection::send);
            assertThat(rows(aircraft)).as("redelivered in order").isEqualTo(applied);

            reversed(records).forEach(projection::send);
            assertThat(rows(aircraft)).as("redelivered in reverse").isEqualTo(applied);

            shuffled(records, 20261126L).forEach(projection::send);
            assertThat(rows(aircraft)).as("redelivered shuffled").isEqualTo(applied);

            assertThat(changes).as("changes announced for redeliveries").isEmpty();
        }
    }

    @Test
    void aDayWrittenInOneBatchLeavesTheSameRowAsWrittenRecordByRecord() {
        String recordByRecord = Aircraft.uniqueIcao24();
        String inOneBatch = Aircraft.uniqueIcao24();
        String lostInOneBatch = Aircraft.uniqueIcao24();
        String lostRecordByRecord = Aircraft.uniqueIcao24();
        try (var projection = new LiveFlightsRecords.Topology(stateDir, builder -> LiveFlightsProjection.addTo(builder, writer, changes::add))) {
            aWholeDay(recordByRecord).forEach(projection::send);
            lostAndFoundAgain(lostRecordByRecord).forEach(projection::send);
            changes.clear();

            // The batch conflates each aircraft's observations to the newest (and the newest with a position).
            aWholeDay(inOneBatch).forEach(projection::stage);
            lostAndFoundAgain(lostInOneBatch).forEach(projection::stage);
            assertThat(rows(List.of(inOneBatch, lostInOneBatch))).as("nothing written before the flush").isEmpty();
            projection.flush();
        }

        assertThat(withoutAircraft(rows(List.of(inOneBatch)).get(0))).isEqualTo(withoutAircraft(rows(List.of(recordByRecord)).get(0)));
        assertThat(withoutAircraft(rows(List.of(lostInOneBatch)).get(0))).isEqualTo(withoutAircraft(rows(List.of(lostRecordByRecord)).get(0)));
        assertThat(changes).as("each aircraft announced once, as the batch left it").extracting(LiveFlight::icao24)
                .containsExactlyInAnyOrder(inOneBatch, lostInOneBatch);
    }

    @Test
    void theRowDoesNotDependOnHowTheTwoTopicsInterleave() {
        String eventsFirst = Aircraft.uniqueIcao24();
        String observationsFirst = Aircraft.uniqueIcao24();
        try (var projection = new LiveFlightsRecords.Topology(stateDir, builder -> LiveFlightsProjection.addTo(builder, writer, changes::add))) {
            // The same day of the same aircraft: one gets all of its events before its observations, the other the reverse.
            Stream.concat(events(aWholeDay(eventsFirst)), observations(aWholeDay(eventsFirst))).forEach(projection::send);
            Stream.concat(observations(aWholeDay(observationsFirst)), events(aWholeDay(observationsFirst))).forEach(projection::send);
        }

        Map<String, Object> one = withoutAircraft(rows(List.of(eventsFirst)).get(0));
        Map<String, Object> other = withoutAircraft(rows(List.of(observationsFirst)).get(0));
        assertThat(other).isEqualTo(one);
    }

    @Test
    void leavesLostAircraftOutUnlessAskedFor() {
        graphQl.documentName("flightsOnTheMap").variable("within", SOUTH_PACIFIC).execute()
                .path("flights.edges[*].node.icao24").entityList(String.class).containsExactly(climbing, descending, onGround);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "includeLost", false))).containsExactly(climbing, descending, onGround);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "includeLost", true))).containsExactly(climbing, descending, onGround, lost);
    }

    @Test
    void filtersByBarometricAltitude() {
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "minAltitude", 5000.0))).containsExactly(climbing);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "maxAltitude", 5000.0))).containsExactly(descending);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "minAltitude", 2000.0, "maxAltitude", 9000.0))).containsExactly(climbing, descending);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "minAltitude", 5000.0, "includeLost", true))).containsExactly(climbing, lost);
    }

    @Test
    void filtersByGroundStateCountryAndCallsign() {
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "onGround", true))).containsExactly(onGround);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "onGround", false))).containsExactly(climbing, descending);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "originCountry", "australia"))).containsExactly(climbing, onGround);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "callsignPrefix", "qfa"))).containsExactly(climbing, onGround);
        assertThat(icao24s(Map.of("within", SOUTH_PACIFIC, "callsignPrefix", "ANZ2"))).containsExactly(descending);
    }

    @Test
    void pagesThroughTheFilteredAircraftWithTheCursor() {
        var firstPage = graphQl.documentName("flights")
                .variables(Map.of("within", SOUTH_PACIFIC, "originCountry", "Australia", "includeLost", false, "first", 1)).execute();
        firstPage.path("flights.edges[*].node.icao24").entityList(String.class).containsExactly(climbing);
        firstPage.path("flights.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = firstPage.path("flights.pageInfo.endCursor").entity(String.class).get();

        var secondPage = graphQl.documentName("flights")
                .variables(Map.of("within", SOUTH_PACIFIC, "originCountry", "Australia", "includeLost", false, "first", 1, "after", cursor)).execute();
        secondPage.path("flights.edges[*].node.icao24").entityList(String.class).containsExactly(onGround);
        secondPage.path("flights.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void servesThePhaseAndTheEmergencyOfEachAircraft() {
        flight(climbing).path("flight.phase").entity(String.class).isEqualTo("CLIMBING")
                .path("flight.emergency").valueIsNull();
        flight(descending).path("flight.phase").entity(String.class).isEqualTo("DESCENDING")
                .path("flight.emergency").entity(String.class).isEqualTo("RADIO_FAILURE")
                .path("flight.squawk").entity(String.class).isEqualTo("7600");
        flight(onGround).path("flight.phase").entity(String.class).isEqualTo("ON_GROUND")
                .path("flight.onGround").entity(Boolean.class).isEqualTo(true);
        flight(lost).path("flight.phase").entity(String.class).isEqualTo("LOST")
                .path("flight.lastSeen").entity(String.class).isEqualTo(T0.toString());
    }

    @Test
    void servesTheLandmarksOfTheFlight() {
        String icao24 = Aircraft.uniqueIcao24();
        aWholeDay(icao24).stream().limit(10).forEach(this::apply);

        flight(icao24).path("flight.landedAt").entity(String.class).isEqualTo(T0.plusSeconds(3600).toString())
                .path("flight.tookOffAt").valueIsNull()
                .path("flight.firstSeen").entity(String.class).isEqualTo(T0.toString())
                .path("flight.callsign").entity(String.class).isEqualTo("TST124");
    }

    /** One aircraft's day: detected airborne, renamed, an emergency, landed, took off again, lost. */
    private static List<SpecificRecord> aWholeDay(String icao24) {
        String firstFlight = icao24 + "-" + T0.getEpochSecond();
        String secondFlight = icao24 + "-" + T0.plusSeconds(7200).getEpochSecond();
        return List.of(
                observation(icao24, T0).setLatitude(-20.0).setVerticalRateMps(6.0).build(),
                event(icao24, firstFlight, 0, T0, detected("TST123", "1200", false)),
                observation(icao24, T0.plusSeconds(5)).setLatitude(-20.1).build(),
                event(icao24, firstFlight, 1, T0.plusSeconds(30),
                        PositionReported.newBuilder().setPosition(position(-20.3, -150.0, 7000)).setOnGround(false).build()),
                observation(icao24, T0.plusSeconds(40)).setLatitude(-20.4).setVerticalRateMps(-4.0).build(),
                event(icao24, firstFlight, 2, T0.plusSeconds(40), CallsignChanged.newBuilder().setPreviousCallsign("TST123").setCallsign("TST124").build()),
                event(icao24, firstFlight, 3, T0.plusSeconds(50), SquawkChanged.newBuilder().setPreviousSquawk("1200").setSquawk("7700").build()),
                event(icao24, firstFlight, 4, T0.plusSeconds(50),
                        EmergencyDeclared.newBuilder().setKind(EmergencyKind.GENERAL_EMERGENCY).setSquawk("7700").build()),
                event(icao24, firstFlight, 5, T0.plusSeconds(3600), Landed.newBuilder().build()),
                observation(icao24, T0.plusSeconds(3600)).setLatitude(-21.0).setOnGround(true).setBarometricAltitudeM(null).build(),
                observation(icao24, T0.plusSeconds(7200)).setLatitude(-21.0).setVerticalRateMps(12.0).build(),
                event(icao24, secondFlight, 6, T0.plusSeconds(7200), TookOff.newBuilder().setPreviousFlightId(firstFlight).build()),
                observation(icao24, T0.plusSeconds(7300)).setLatitude(-21.5).setLongitude(null).setLatitude(null).build(),
                event(icao24, secondFlight, 7, T0.plusSeconds(8000), FlightLost.newBuilder().setLastContactAt(T0.plusSeconds(7300)).setOnGround(false).build()));
    }

    /** Lost, heard from again (the observation before the event of the new flight), then detected again. */
    private static List<SpecificRecord> lostAndFoundAgain(String icao24) {
        String firstFlight = icao24 + "-" + T0.getEpochSecond();
        String secondFlight = icao24 + "-" + T0.plusSeconds(1000).getEpochSecond();
        return List.of(
                event(icao24, firstFlight, 0, T0, detected("LOST1", "2000", false)),
                observation(icao24, T0).setLatitude(-30.0).build(),
                event(icao24, firstFlight, 1, T0.plusSeconds(600), FlightLost.newBuilder().setLastContactAt(T0).setOnGround(false).build()),
                observation(icao24, T0.plusSeconds(1000)).setLatitude(-30.5).build(),
                event(icao24, secondFlight, 2, T0.plusSeconds(1000), detected("FOUND1", "2000", false)));
    }

    private void flyOver(String icao24, String callsign, String country, double latitude, double longitude, Double altitude,
                         boolean onTheGround, Double verticalRate) {
        FlightDetected detected = detected(callsign, "1200", onTheGround);
        detected.setOriginCountry(country);
        writer.apply(event(icao24, icao24 + "-1", 0, T0, detected));
        writer.apply(observation(icao24, T0).setLatitude(latitude).setLongitude(longitude).setBarometricAltitudeM(altitude)
                .setGeometricAltitudeM(altitude).setOnGround(onTheGround).setVerticalRateMps(verticalRate).build());
    }

    private static FlightDetected detected(String callsign, String squawk, boolean onTheGround) {
        return FlightDetected.newBuilder().setCallsign(callsign).setOriginCountry("Testland").setSquawk(squawk)
                .setOnGround(onTheGround).build();
    }

    private void apply(SpecificRecord record) {
        if (record instanceof AircraftObservation observation) {
            writer.apply(observation);
        } else {
            writer.apply((FlightTrackingEvent) record);
        }
    }

    private GraphQlTester.Response flight(String icao24) {
        return graphQl.documentName("flight").variable("icao24", icao24).execute();
    }

    private List<String> icao24s(Map<String, Object> variables) {
        return graphQl.documentName("flights").variables(variables).execute()
                .path("flights.edges[*].node.icao24").entityList(String.class).get();
    }

    private List<Map<String, Object>> rows(List<String> icao24s) {
        return jdbc.queryForList("SELECT * FROM live_flight WHERE icao24 IN (:icao24s) ORDER BY icao24", Map.of("icao24s", icao24s));
    }

    private static Stream<SpecificRecord> events(List<SpecificRecord> records) {
        return records.stream().filter(record -> record instanceof FlightTrackingEvent);
    }

    private static Stream<SpecificRecord> observations(List<SpecificRecord> records) {
        return records.stream().filter(record -> record instanceof AircraftObservation);
    }

    private static Map<String, Object> withoutAircraft(Map<String, Object> row) {
        Map<String, Object> rest = new HashMap<>(row);
        rest.remove("icao24");
        // The flight ids name the aircraft too: icao24-epochSecond.
        rest.put("flight_id", String.valueOf(rest.get("flight_id")).substring(6));
        return rest;
    }

    private static List<SpecificRecord> reversed(List<SpecificRecord> records) {
        List<SpecificRecord> copy = new ArrayList<>(records);
        Collections.reverse(copy);
        return copy;
    }

    private static List<SpecificRecord> shuffled(List<SpecificRecord> records, long seed) {
        List<SpecificRecord> copy = new ArrayList<>(records);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}

package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightFilter;
import dev.contrail.readmodels.flighttracking.LiveFlightQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code flights(...)} over HTTP on a real PostgreSQL: every filter, a box across the antimeridian, paging with the
 * cursor, and cursors that are not ours. The rows are written straight into the read model ({@link LiveFlightRows}),
 * over Fiji, where the antimeridian runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightsQueryIT extends ContrailIntegrationTest {

    /** 4° × 4° around the antimeridian: west 178 is east of east -178. */
    private static final Map<String, Object> ACROSS_THE_ANTIMERIDIAN = box(-18.0, 178.0, -14.0, -178.0);
    /** Its western half, up to the antimeridian: an ordinary box. */
    private static final Map<String, Object> WEST_OF_THE_ANTIMERIDIAN = box(-18.0, 178.0, -14.0, 180.0);

    private static final String FLIGHTS = """
            query flights($within: BoundingBoxInput, $minAltitude: Float, $maxAltitude: Float, $onGround: Boolean, $originCountry: String,
                          $callsignPrefix: String, $includeLost: Boolean, $first: Int, $after: String) {
                flights(within: $within, minAltitude: $minAltitude, maxAltitude: $maxAltitude, onGround: $onGround,
                        originCountry: $originCountry, callsignPrefix: $callsignPrefix, includeLost: $includeLost, first: $first,
                        after: $after) {
                    edges { cursor node { icao24 } }
                    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
                }
            }""";

    @Autowired
    private ProjectionRegistry projections;
    @Autowired
    private LiveFlightQueries queries;
    private GraphQlTester graphQl;

    // In icao24 order. East and west of the antimeridian, inside the box unless the name says otherwise.
    private String east;
    private String west;
    private String onTheAntimeridian;
    private String onTheSouthWestCorner;
    private String low;
    private String withoutAltitude;
    private String onGround;
    private String withoutGroundState;
    private String fromTonga;
    private String lost;
    private String westOfTheBox;
    private String eastOfTheBox;
    private String northOfTheBox;
    private String overTheGreenwichMeridian;
    private String withoutPosition;
    private String undetected;
    private String unheard;

    @BeforeAll
    void aircraftAroundTheAntimeridian() {
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(10)).build());
        List<String> icao24s = Stream.generate(Aircraft::uniqueIcao24).distinct().limit(17).sorted().toList();
        east = icao24s.get(0);
        west = icao24s.get(1);
        onTheAntimeridian = icao24s.get(2);
        onTheSouthWestCorner = icao24s.get(3);
        low = icao24s.get(4);
        withoutAltitude = icao24s.get(5);
        onGround = icao24s.get(6);
        withoutGroundState = icao24s.get(7);
        fromTonga = icao24s.get(8);
        lost = icao24s.get(9);
        westOfTheBox = icao24s.get(10);
        eastOfTheBox = icao24s.get(11);
        northOfTheBox = icao24s.get(12);
        overTheGreenwichMeridian = icao24s.get(13);
        withoutPosition = icao24s.get(14);
        undetected = icao24s.get(15);
        unheard = icao24s.get(16);

        var rows = new LiveFlightRows(projections);
        rows.aircraft(east, "longitude", 179.5);
        rows.aircraft(west, "longitude", -179.5, "callsign", "FJ1");
        rows.aircraft(onTheAntimeridian, "longitude", 180.0);
        rows.aircraft(onTheSouthWestCorner, "latitude", -18.0, "longitude", 178.0);
        rows.aircraft(low, "barometric_altitude_m", 1500.0, "callsign", "FJ2");
        rows.aircraft(withoutAltitude, "barometric_altitude_m", null, "geometric_altitude_m", null);
        rows.aircraft(onGround, "on_ground", true, "barometric_altitude_m", 20.0, "callsign", "fj3");
        rows.aircraft(withoutGroundState, "on_ground", null);
        rows.aircraft(fromTonga, "origin_country", "Tonga", "callsign", "TGA1");
        rows.aircraft(lost, "lost_at", LiveFlightRows.HEARD_AT.plusSeconds(360));
        rows.aircraft(westOfTheBox, "longitude", 177.9);
        rows.aircraft(eastOfTheBox, "longitude", -177.9);
        rows.aircraft(northOfTheBox, "latitude", -13.9);
        rows.aircraft(overTheGreenwichMeridian, "longitude", 0.0);
        rows.aircraft(withoutPosition, "latitude", null, "longitude", null);
        rows.aircraft(undetected, "flight_id", null, "first_seen", null, "callsign", null, "origin_country", null);
        rows.aircraft(unheard, "last_seen", null, "latitude", null, "longitude", null);
    }

    @Test
    void aBoxAcrossTheAntimeridianHoldsTheAircraftOnBothSidesOfIt() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN))).containsExactly(east, west, onTheAntimeridian, onTheSouthWestCorner,
                low, withoutAltitude, onGround, withoutGroundState, fromTonga);
    }

    @Test
    void aBoxUpToTheAntimeridianHoldsTheAircraftWestOfIt() {
        assertThat(icao24s(Map.of("within", WEST_OF_THE_ANTIMERIDIAN))).containsExactly(east, onTheAntimeridian, onTheSouthWestCorner,
                low, withoutAltitude, onGround, withoutGroundState, fromTonga);
    }

    @Test
    void boundsOnTheAltitudeLeaveOutAircraftThatReportNone() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "minAltitude", 1000.0))).containsExactly(east, west, onTheAntimeridian,
                onTheSouthWestCorner, low, withoutGroundState, fromTonga);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "maxAltitude", 1500.0))).containsExactly(low, onGround);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "minAltitude", 1500.0, "maxAltitude", 1500.0))).containsExactly(low);
    }

    @Test
    void theGroundStateFilterLeavesOutAircraftThatReportNone() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "onGround", true))).containsExactly(onGround);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "onGround", false))).containsExactly(east, west, onTheAntimeridian,
                onTheSouthWestCorner, low, withoutAltitude, fromTonga);
    }

    @Test
    void theOriginCountryMatchesInAnyCase() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "originCountry", "TONGA"))).containsExactly(fromTonga);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "originCountry", "tong"))).isEmpty();
    }

    @Test
    void theCallsignPrefixMatchesTheStartOfCallsignsInAnyCase() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "callsignPrefix", "fj"))).containsExactly(east, west,
                onTheAntimeridian, onTheSouthWestCorner, low, withoutAltitude, onGround, withoutGroundState);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "callsignPrefix", "FJ3"))).containsExactly(onGround);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "callsignPrefix", "GA1"))).isEmpty();
    }

    @Test
    void lostAircraftOnlyWhenAskedFor() {
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "originCountry", "Fiji", "minAltitude", 8000.0, "onGround", false)))
                .containsExactly(east, west, onTheAntimeridian, onTheSouthWestCorner);
        assertThat(icao24s(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "originCountry", "Fiji", "minAltitude", 8000.0, "onGround", false,
                "includeLost", true))).containsExactly(east, west, onTheAntimeridian, onTheSouthWestCorner, lost);
    }

    @Test
    void withoutAnAreaEveryAircraftWithAPositionMatches() {
        // Other tests' traffic may be in the table too: the callsign narrows it down to ours.
        assertThat(icao24s(Map.of("callsignPrefix", "FJI910", "includeLost", true))).containsExactly(east, onTheAntimeridian,
                onTheSouthWestCorner, withoutAltitude, withoutGroundState, lost, westOfTheBox, eastOfTheBox, northOfTheBox,
                overTheGreenwichMeridian);
    }

    @Test
    void pagesThroughTheFilteredAircraftWithTheCursor() {
        Map<String, Object> filters = Map.of("within", ACROSS_THE_ANTIMERIDIAN, "onGround", false);
        List<String> seen = new ArrayList<>();
        List<Boolean> hasNext = new ArrayList<>();
        List<Boolean> hasPrevious = new ArrayList<>();
        String after = null;
        do {
            var variables = new HashMap<>(filters);
            variables.put("first", 3);
            variables.put("after", after);
            var page = graphQl.document(FLIGHTS).variables(variables).execute();
            List<String> edges = page.path("flights.edges[*].node.icao24").entityList(String.class).get();
            List<String> cursors = page.path("flights.edges[*].cursor").entityList(String.class).get();
            page.path("flights.pageInfo.startCursor").entity(String.class).isEqualTo(cursors.get(0));
            page.path("flights.pageInfo.endCursor").entity(String.class).isEqualTo(cursors.get(cursors.size() - 1));
            seen.addAll(edges);
            hasNext.add(page.path("flights.pageInfo.hasNextPage").entity(Boolean.class).get());
            hasPrevious.add(page.path("flights.pageInfo.hasPreviousPage").entity(Boolean.class).get());
            after = cursors.get(cursors.size() - 1);
        } while (hasNext.get(hasNext.size() - 1));

        assertThat(seen).containsExactly(east, west, onTheAntimeridian, onTheSouthWestCorner, low, withoutAltitude, fromTonga);
        assertThat(hasNext).containsExactly(true, true, false);
        assertThat(hasPrevious).as("only the first page has no edges before it").containsExactly(false, true, true);
    }

    @Test
    void aPageThatEndsWithTheLastAircraftSaysNoneFollows() {
        var page = graphQl.document(FLIGHTS).variables(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "onGround", true, "first", 1)).execute();
        page.path("flights.edges[*].node.icao24").entityList(String.class).containsExactly(onGround);
        page.path("flights.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        String after = page.path("flights.pageInfo.endCursor").entity(String.class).get();

        var empty = graphQl.document(FLIGHTS).variables(Map.of("within", ACROSS_THE_ANTIMERIDIAN, "onGround", true, "after", after)).execute();
        empty.path("flights.edges").entityList(Object.class).hasSize(0);
        empty.path("flights.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        empty.path("flights.pageInfo.endCursor").valueIsNull();
    }

    @Test
    void servesTheAircraftWithoutAPositionByItsAddressOnly() {
        flight(withoutPosition).path("flight.icao24").entity(String.class).isEqualTo(withoutPosition)
                .path("flight.position").valueIsNull()
                .path("flight.firstSeen").entity(String.class).isEqualTo(LiveFlightRows.HEARD_AT.toString())
                .path("flight.lastSeen").entity(String.class).isEqualTo(LiveFlightRows.HEARD_AT.plusSeconds(60).toString())
                .path("flight.tookOffAt").valueIsNull();
        flight(lost).path("flight.phase").entity(String.class).isEqualTo("LOST")
                .path("flight.position.longitude").entity(Double.class).isEqualTo(179.5);
        flight(onGround).path("flight.phase").entity(String.class).isEqualTo("ON_GROUND")
                .path("flight.position.barometricAltitudeM").entity(Double.class).isEqualTo(20.0);
    }

    @Test
    void anAircraftOnlyOneTopicHasToldAboutIsNotServed() {
        flight(undetected).path("flight").valueIsNull();
        flight(unheard).path("flight").valueIsNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-cursor", "abc+/=", "ZjAwMDE", "enp6enp6"})
    void aCursorThatIsNotOursIsABadRequestNamingTheArgument(String cursor) {
        // ZjAwMDE is "f0001", too short for an icao24; enp6enp6 is "zzzzzz", not hexadecimal.
        var response = graphQl.document(FLIGHTS).variables(Map.of("after", cursor)).execute();
        response.errors().expect(error -> error.getErrorType() == ErrorType.BAD_REQUEST
                && "after".equals(error.getExtensions().get("argument"))
                && error.getMessage().equals("Invalid argument 'after': is not a cursor returned by this API")).verify();
    }

    @Test
    void theWildcardsOfACallsignPrefixAreTakenLiterally() {
        // The API accepts letters and digits only: the read model's own escaping is checked on its query directly.
        List<String> icao24s = Stream.generate(Aircraft::uniqueIcao24).distinct().limit(4).toList();
        var rows = new LiveFlightRows(projections);
        rows.aircraft(icao24s.get(0), "callsign", "F_X1", "longitude", 170.0);
        rows.aircraft(icao24s.get(1), "callsign", "FAX1", "longitude", 170.0);
        rows.aircraft(icao24s.get(2), "callsign", "F%X1", "longitude", 170.0);
        rows.aircraft(icao24s.get(3), "callsign", "F\\X1", "longitude", 170.0);
        var around = new BoundingBox(-17.0, 169.0, -15.0, 171.0);

        assertThat(aircraftWithCallsignsStartingWith("F_", around)).containsExactly(icao24s.get(0));
        assertThat(aircraftWithCallsignsStartingWith("F%", around)).containsExactly(icao24s.get(2));
        assertThat(aircraftWithCallsignsStartingWith("F\\", around)).containsExactly(icao24s.get(3));
    }

    private List<String> aircraftWithCallsignsStartingWith(String prefix, BoundingBox within) {
        var filter = new LiveFlightFilter(within, null, null, null, null, prefix, false);
        return queries.flights(filter, null, 10).flights().stream().map(LiveFlight::icao24).toList();
    }

    private List<String> icao24s(Map<String, Object> variables) {
        var withAPage = new HashMap<>(variables);
        withAPage.put("first", 1000);
        return graphQl.document(FLIGHTS).variables(withAPage).execute().path("flights.edges[*].node.icao24").entityList(String.class).get();
    }

    private GraphQlTester.Response flight(String icao24) {
        return graphQl.documentName("flight").variable("icao24", icao24).execute();
    }

    private static Map<String, Object> box(double south, double west, double north, double east) {
        return Map.of("south", south, "west", west, "north", north, "east", east);
    }

}

package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.TopicReader;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.ArrivalRecorded;
import dev.contrail.schemas.airport.DepartureRecorded;
import dev.contrail.schemas.airport.MovementData;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Airport context's end-to-end check on the bundled capture, run inside {@link CaptureReplayIT} — the one test
 * context that replays the capture, so that what it counts on the shared broker is its own.
 */
final class AirportMovementsOnTheCapture {

    /**
     * Every movement of the capture is westbound along Dulles' 12/30, i.e. on runway 30 (heading 290.6°). JZA616
     * (c00b98) is reported on the ground only at 8 m/s on a track of 321°, turning off: too slow for its track to name
     * the runway (ADR 0012 gave it none), but its final approach is aligned with runway 30 (ADR 0023).
     */
    static final Map<String, String> RUNWAYS = Map.of(
            "a445ee", "30", "a448d7", "30", "a50c3d", "30",
            "ac7452", "30", "a2addf", "30", "c00b98", "30");

    private AirportMovementsOnTheCapture() {
    }

    /**
     * @param ourFlights the flights this context's Flight Tracking published take-offs or landings of: another context
     *                   may have replayed the capture onto the shared topic before, and this context attributes those too
     */
    static void assertAttributedToDulles(String bootstrapServers, String graphQlUrl, JdbcTemplate jdbc, Set<String> ourFlights,
                                         Set<String> takeOffs, Set<String> landings) {
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlUrl).responseTimeout(Duration.ofSeconds(30)).build());
        assertThat(ourFlights).hasSize(takeOffs.size() + landings.size());
        String board = """
                { departures(airport: "KIAD", first: 1000) { id flightId icao24 callsign runway at flight { callsign origin { ident } } }
                  arrivals(airport: "KIAD", first: 1000) { id flightId icao24 callsign runway at flight { callsign destination { ident } } } }""";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            var response = graphQl.document(board).execute();
            assertThat(ours(response.path("departures[*]").entityList(Map.class).get(), ourFlights)).containsExactlyInAnyOrderElementsOf(takeOffs);
            assertThat(ours(response.path("arrivals[*]").entityList(Map.class).get(), ourFlights)).containsExactlyInAnyOrderElementsOf(landings);
        });

        // Exactly once in the event store and on the topic, not only on the (deduplicating) boards.
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry WHERE type = 'Movement'", String.class).stream()
                .map(dev.contrail.infrastructure.axon.TypeQualifiedEventStore::unqualified).filter(movement -> ourFlights.contains(movement.substring(0, movement.indexOf('/'))))).hasSize(takeOffs.size() + landings.size());
        var serde = AvroSerde.of(AirportEvent.class);
        List<AirportEvent> published = TopicReader.readUntilQuiet(bootstrapServers, Topics.AIRPORT_EVENTS, record -> true, Duration.ofSeconds(3))
                .stream().map(record -> serde.deserializer().deserialize(Topics.AIRPORT_EVENTS, record.value())).toList();
        Map<String, String> departures = new TreeMap<>();
        Map<String, String> arrivals = new TreeMap<>();
        for (AirportEvent event : published) {
            if (event.getPayload() instanceof DepartureRecorded d && ourFlights.contains(d.getMovement().getFlightId())) {
                assertThat(event.getAirportIdent()).isEqualTo("KIAD");
                assertThat(departures.put(d.getMovement().getIcao24(), runway(d.getMovement()))).as("departure of %s", d.getMovement().getIcao24())
                        .isNull();
            }
            if (event.getPayload() instanceof ArrivalRecorded a && ourFlights.contains(a.getMovement().getFlightId())) {
                assertThat(event.getAirportIdent()).isEqualTo("KIAD");
                assertThat(arrivals.put(a.getMovement().getIcao24(), runway(a.getMovement()))).as("arrival of %s", a.getMovement().getIcao24())
                        .isNull();
            }
        }
        assertThat(departures.keySet()).containsExactlyInAnyOrderElementsOf(takeOffs);
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(landings);
        var expectedDepartures = new TreeMap<String, String>();
        takeOffs.forEach(icao24 -> expectedDepartures.put(icao24, RUNWAYS.get(icao24)));
        var expectedArrivals = new TreeMap<String, String>();
        landings.forEach(icao24 -> expectedArrivals.put(icao24, RUNWAYS.get(icao24)));
        assertThat(departures).isEqualTo(expectedDepartures);
        assertThat(arrivals).isEqualTo(expectedArrivals);

        // The boards carry callsigns; the flights know their origin and destination; KIAD is among the busiest airports of
        // the last hour with at least these movements (the replay moves the capture to now; another context's replay
        // of the capture, attributed here too, may add its own).
        String ualFlight = ourFlights.stream().filter(flight -> flight.startsWith("a445ee-")).findFirst().orElseThrow();
        String ejaFlight = ourFlights.stream().filter(flight -> flight.startsWith("ac7452-")).findFirst().orElseThrow();
        var response = graphQl.document(board).execute();
        response.path("departures[?(@.flightId == '" + ualFlight + "')].callsign").entityList(String.class).containsExactly("UAL1744");
        response.path("departures[?(@.flightId == '" + ualFlight + "')].flight.origin.ident").entityList(String.class).containsExactly("KIAD");
        response.path("arrivals[?(@.flightId == '" + ejaFlight + "')].flight.destination.ident").entityList(String.class).containsExactly("KIAD");
        // The replay moves the capture's first snapshot to now, so its 19 minutes of movements reach up to 19 minutes
        // ahead: the window ends half an hour from now, or a run near the top of the hour would miss some of them.
        String until = Instant.now().plus(Duration.ofMinutes(30)).toString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> graphQl
                .document("{ busiestAirports(window: \"PT1H\", first: 100, until: \"" + until + "\") { ident departures arrivals airport { name } } }")
                .execute()
                .path("busiestAirports[?(@.ident == 'KIAD')].departures").entityList(Integer.class)
                .satisfies(n -> assertThat(n).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(takeOffs.size())))
                .path("busiestAirports[?(@.ident == 'KIAD')].arrivals").entityList(Integer.class)
                .satisfies(n -> assertThat(n).singleElement().satisfies(a -> assertThat(a).isGreaterThanOrEqualTo(landings.size())))
                .path("busiestAirports[?(@.ident == 'KIAD')].airport.name").entityList(String.class)
                .containsExactly("Washington Dulles International Airport"));
    }

    private static String runway(MovementData movement) {
        return movement.getRunway() == null ? "none" : movement.getRunway();
    }

    /** The icao24s of the board entries that are this context's flights. */
    private static List<Object> ours(List<Map> entries, Set<String> ourFlights) {
        return entries.stream().filter(entry -> ourFlights.contains((String) entry.get("flightId"))).map(entry -> entry.get("icao24")).toList();
    }
}

package dev.contrail.api.flighttracking;

import static dev.contrail.api.support.TopicReader.deadLetterOf;
import static dev.contrail.api.support.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.TookOff;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.List;
import dev.contrail.api.support.TopicReader;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The bundled Dulles capture end to end, replayed as fast as possible — the only test context that replays it, so
 * that what it counts on the shared test broker is its own. What the run command does: every aircraft of the
 * capture is served through GraphQL; a capture file that is not a snapshot is dead-lettered and the replay carries
 * on. The flight lifecycle on real data: the take-offs and landings SOURCES.md lists are each published exactly
 * once, none from on_ground flicker; and a squawk of 7700 becomes a published emergency.
 */
@TestPropertySource(properties = {
    "contrail.capture.enabled=true",
    "contrail.capture.speed=0",
    "contrail.capture.loop=false",
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json,classpath*:it-capture/*.json",
    // The Airport context attributes the capture's movements (AirportMovementsOnTheCapture): this is the one context
    // that replays the capture, so its movements are counted here. Dulles and its neighbours, not the whole world.
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv"})
class CaptureReplayIT extends ContrailIntegrationTest {

    /** From the capture's on_ground transitions (SOURCES.md): UAL1744, UAL1101 and N424U take off. */
    private static final Set<String> TAKE_OFFS = Set.of("a445ee", "a448d7", "a50c3d");
    /** EJA901, UCA4324 and JZA616 land. */
    private static final Set<String> LANDINGS = Set.of("ac7452", "a2addf", "c00b98");

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;
    @Autowired
    private NamedParameterJdbcTemplate jdbc;

    private final AvroSerde<FlightTrackingEvent> events = AvroSerde.of(FlightTrackingEvent.class);

    @Test
    void everyAircraftWithAPositionInTheBundledCaptureIsServedByGraphQl() throws IOException {
        Set<String> expected = aircraftWithAPositionIn("classpath*:captures/opensky/iad-2023-03-14/*.json");
        assertThat(expected).hasSizeGreaterThan(20);
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(60)).build());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var served = graphQl.documentName("flights").variable("first", 1000)
                    // Aircraft that left the box more than 5 minutes before the capture ends are lost by then: count them too.
                    .variable("includeLost", true).execute()
                    .path("flights.edges[*].node.icao24").entityList(String.class).get();
            assertThat(new TreeSet<>(served)).containsAll(expected);
        });
    }

    @Test
    void aCaptureFileThatIsNotASnapshotIsDeadLetteredWithItsBytes() throws IOException {
        byte[] truncated;
        try (InputStream in = new ClassPathResource("it-capture/truncated-response.json").getInputStream()) {
            truncated = in.readAllBytes();
        }

        var deadLetter = TopicReader.find(bootstrapServers, Topics.DEAD_LETTERS, deadLetterOf(truncated), Duration.ofSeconds(60))
                .orElseThrow();

        assertThat(header(deadLetter, DeadLetterHeaders.STAGE)).isEqualTo("capture");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE)).isEqualTo("capture:truncated-response.json");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).startsWith("malformed snapshot: not JSON");
    }

    /** Computed from the raw files with a plain JSON reader, independently of Contrail's parser and refinement. */
    private static Set<String> aircraftWithAPositionIn(String pattern) throws IOException {
        var json = new ObjectMapper();
        Set<String> icao24s = new HashSet<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
            JsonNode states = json.readTree(file.getInputStream()).get("states");
            if (states == null || states.isNull()) {
                continue;
            }
            for (JsonNode state : states) {
                if (state.get(4).isNumber() && state.get(5).isNumber() && state.get(6).isNumber()) {
                    icao24s.add(state.get(0).asText());
                }
            }
        }
        return icao24s;
    }

    @Test
    void eachTakeOffAndLandingInTheBundledCaptureIsPublishedExactlyOnce() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
                payloads(Duration.ofMillis(500)).stream().filter(e -> e.getPayload() instanceof Landed).count() >= LANDINGS.size()
                        && payloads(Duration.ofMillis(500)).stream().filter(e -> e.getPayload() instanceof TookOff).count() >= TAKE_OFFS.size());

        // The pipeline has caught up with the capture's last landing; read everything once more after it falls quiet.
        List<FlightTrackingEvent> published = payloads(Duration.ofSeconds(5));

        assertThat(published).filteredOn(e -> e.getPayload() instanceof TookOff)
                .extracting(FlightTrackingEvent::getIcao24).containsExactlyInAnyOrderElementsOf(TAKE_OFFS);
        assertThat(published).filteredOn(e -> e.getPayload() instanceof Landed)
                .extracting(FlightTrackingEvent::getIcao24).containsExactlyInAnyOrderElementsOf(LANDINGS);
    }

    @Test
    void aSquawkOf7700BecomesAPublishedEmergency() {
        String icao24 = Aircraft.uniqueIcao24();
        long now = Instant.now().getEpochSecond();
        try (var raw = new RawStateVectors(bootstrapServers)) {
            raw.send(RawStateVectors.overDulles(icao24, now).build());
            raw.send(RawStateVectors.overDulles(icao24, now + 5).setSquawk("7700").build());
        }

        var declared = TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS,
                record -> icao24.equals(record.key()) && decode(record.value()).getPayload() instanceof EmergencyDeclared,
                Duration.ofSeconds(60)).orElseThrow();

        EmergencyDeclared emergency = (EmergencyDeclared) decode(declared.value()).getPayload();
        assertThat(emergency.getKind()).isEqualTo(EmergencyKind.GENERAL_EMERGENCY);
        assertThat(emergency.getSquawk()).isEqualTo("7700");
        assertThat(emergency.getPosition().getLatitude()).isEqualTo(38.8778);
    }

    /**
     * ADR 0022 on real-looking data: an aircraft on final to Dulles at 60 m/s reports on_ground for one report, as real
     * ADS-B does, then flies on. Neither a landing nor a take-off is published — before ADR 0022 this was a Landed and,
     * seconds later, a TookOff, both on KIAD's boards. Its callsign change afterwards shows the pipeline got that far.
     */
    @Test
    void aSingleOnGroundReportFromAnAircraftInTheAirIsNeitherALandingNorATakeOff() {
        String icao24 = Aircraft.uniqueIcao24();
        long now = Instant.now().getEpochSecond();
        try (var raw = new RawStateVectors(bootstrapServers)) {
            double[][] finalApproach = {{38.9240, -77.4200}, {38.9255, -77.4260}, {38.9270, -77.4320}, {38.9285, -77.4380}, {38.9300, -77.4440}};
            for (int i = 0; i < finalApproach.length; i++) {
                var report = RawStateVectors.overDulles(icao24, now + 5L * i).setLatitude(finalApproach[i][0]).setLongitude(finalApproach[i][1])
                        .setBaroAltitude(400.0 - 10 * i).setGeoAltitude(365.0 - 10 * i).setVelocity(60.0).setTrueTrack(290.6).setVerticalRate(-2.0);
                if (i == 2) {
                    // The flicker, as OpenSky gives it: on the ground, hence without altitudes or vertical rate.
                    report.setOnGround(true).setBaroAltitude(null).setGeoAltitude(null).setVerticalRate(null);
                }
                raw.send(report.build());
            }
            raw.send(RawStateVectors.overDulles(icao24, now + 25).setLatitude(38.9315).setLongitude(-77.4500).setBaroAltitude(350.0)
                    .setVelocity(60.0).setTrueTrack(290.6).setCallsign("NKS2004 ").build());
        }

        TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS,
                record -> icao24.equals(record.key()) && decode(record.value()).getPayload() instanceof CallsignChanged, Duration.ofSeconds(60))
                .orElseThrow();
        List<Object> payloads = TopicReader.readUntilQuiet(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS, record -> icao24.equals(record.key()),
                Duration.ofSeconds(2)).stream().map(record -> decode(record.value()).getPayload()).toList();
        assertThat(payloads).isNotEmpty().noneMatch(payload -> payload instanceof Landed || payload instanceof TookOff);
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                Long.class, icao24 + "-%/%")).as("movements recorded for the flicker").isZero();
    }

    /**
     * The Airport context on the same replay (ADR 0012): the three take-offs are departures from KIAD and the three
     * landings arrivals at KIAD, each recorded exactly once, on the runway their approach or climb implies (ADR 0023). Only this
     * context's flights count: another context's replay of the capture is on the shared topic too.
     */
    @Test
    void eachTakeOffAndLandingIsAttributedToDullesExactlyOnceWithItsRunway() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
                payloads(Duration.ofMillis(500)).stream().filter(e -> e.getPayload() instanceof Landed || e.getPayload() instanceof TookOff)
                        .count() >= LANDINGS.size() + TAKE_OFFS.size());
        Set<String> ourFlights = new HashSet<>();
        payloads(Duration.ofSeconds(2)).stream().filter(e -> e.getPayload() instanceof Landed || e.getPayload() instanceof TookOff)
                .forEach(e -> ourFlights.add(e.getFlightId()));
        AirportMovementsOnTheCapture.assertAttributedToDulles(bootstrapServers, graphQlHttpUrl(), jdbc.getJdbcTemplate(), ourFlights,
                TAKE_OFFS, LANDINGS);
    }

    /**
     * The events this context published: other test classes share the broker and may replay the capture too, which
     * puts a second copy of its events (other event ids) on the topic. This context's own event store names its own.
     */
    private List<FlightTrackingEvent> payloads(Duration quiet) {
        Set<String> ours = new HashSet<>(jdbc.getJdbcTemplate().queryForList("SELECT event_identifier FROM domain_event_entry", String.class));
        return TopicReader.readUntilQuiet(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS, record -> !record.key().startsWith("f"), quiet)
                .stream().map(record -> decode(record.value())).filter(event -> ours.contains(event.getEventId())).toList();
    }

    private FlightTrackingEvent decode(byte[] value) {
        return events.deserializer().deserialize(Topics.FLIGHT_TRACKING_EVENTS, value);
    }
}

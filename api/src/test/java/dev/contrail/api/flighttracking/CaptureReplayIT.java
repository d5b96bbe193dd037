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
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json,classpath*:it-capture/*.json"})
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
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).build());

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

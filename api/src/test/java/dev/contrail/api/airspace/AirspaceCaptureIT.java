package dev.contrail.api.airspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.airspace.IndependentContainment.State;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AircraftEnteredAirspace;
import dev.contrail.schemas.airspace.AircraftExitedAirspace;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.CapacityExceeded;
import dev.contrail.schemas.airspace.CapacityRestored;
import dev.contrail.schemas.airspace.ExitReason;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.TookOff;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The done-when test of the Airspace context: the bundled Dulles capture replayed with three test volumes around
 * Dulles (an approach sector with a floor and a ceiling, a vertically unbounded sector east of the airport with a
 * capacity of 3, a multipolygon with a hole high up to the north) and one malformed feature.
 *
 * <p>Entries and exits published on {@code airspace.events} are checked, position by position, against containment
 * computed independently ({@link IndependentContainment}: ray casting, no JTS) over the very positions Flight Tracking
 * published. Once the capture is over the test moves the observations' clock on so that every flight is lost: every
 * entry must then be paired with an exit.
 *
 * <p>It runs in a JVM of its own (like every integration test class, so its own embedded Kafka): the capture must not be
 * replayed twice on the broker {@code CaptureReplayIT} counts take-offs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "contrail.capture.enabled=true",
    "contrail.capture.speed=0",
    "contrail.capture.loop=false",
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json",
    "contrail.airspace.definitions.enabled=true",
    "contrail.airspace.definitions.locations=classpath:airspace-test/iad-test-volumes.geojson",
    "contrail.flight-tracking.lost-after=3m"})
class AirspaceCaptureIT extends ContrailIntegrationTest {

    private static final String APPROACH = "TEST-IAD-APP";
    private static final String EAST = "TEST-IAD-EAST";
    private static final String HIGH = "TEST-IAD-HIGH";
    private static final int PARTITIONS = 3;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private ContrailKafkaProperties contrail;

    @Autowired
    private AirspaceImport airspaceImport;

    @Autowired
    private MeterRegistry meters;

    private final AvroSerde<FlightTrackingEvent> flightTrackingSerde = AvroSerde.of(FlightTrackingEvent.class);
    private final AvroSerde<AirspaceEvent> airspaceSerde = AvroSerde.of(AirspaceEvent.class);
    private Map<String, IndependentContainment.Volume> volumes;
    private List<FlightTrackingEvent> flightTracking;
    private List<AirspaceEvent> airspace;
    private Set<String> dummies;

    /** Replays the capture, loses every flight, and reads both topics once everything has been processed. */
    @BeforeAll
    void replayTheCaptureAndLoseEveryFlight() throws IOException {
        try (InputStream in = new ClassPathResource("airspace-test/iad-test-volumes.geojson").getInputStream()) {
            volumes = IndependentContainment.read(in);
        }
        // Generous timeouts: on the shared 2-core machine a busy neighbour can slow the pipeline several times over.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<FlightTrackingEvent> events = flightTrackingEvents(Duration.ofMillis(500));
            return events.stream().filter(e -> e.getPayload() instanceof Landed).count() >= 3
                    && events.stream().filter(e -> e.getPayload() instanceof TookOff).count() >= 3;
        });
        // The capture is in: let the intake fall quiet, then move the observations' clock on by far more than
        // lost-after on every partition, with aircraft far from Dulles. Every capture flight is then lost.
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("flight-tracking-intake"), Topics.FLIGHT_TRACKING_OBSERVATIONS,
                Duration.ofSeconds(300));
        // The replayed capture ends at the clock (it is never dated after it, ADR 0024), and a state vector is refused
        // more than a minute ahead of it: the dummies keep talking at the clock, a little ahead, until lost-after (3 min
        // here, which loses the same capture aircraft mid-capture as the default 5 min) has passed for every flight.
        dummies = onEveryPartition();
        var raw = new RawStateVectors(bootstrapServers);
        AtomicLong contact = new AtomicLong();
        Disposable talking = Flux.interval(Duration.ZERO, Duration.ofSeconds(2), Schedulers.boundedElastic()).subscribe(tick -> {
            long at = Math.max(contact.get() + 1, Instant.now().getEpochSecond() + 30);
            contact.set(at);
            for (String dummy : dummies) {
                raw.send(RawStateVectors.overDulles(dummy, at).setLatitude(10.0).setLongitude(10.0 + (tick % 2) * 0.01).build());
            }
        });
        try {
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<FlightTrackingEvent> events = flightTrackingEvents(Duration.ofMillis(500));
            Set<String> detected = new TreeSet<>();
            Set<String> lost = new HashSet<>();
            for (FlightTrackingEvent event : events) {
                if (dummies.contains(event.getIcao24())) {
                    continue;
                }
                detected.add(event.getFlightId());
                if (event.getPayload() instanceof FlightLost) {
                    lost.add(event.getFlightId());
                }
            }
            detected.removeAll(lost);
            assertThat(lost).as("flights lost").isNotEmpty();
            assertThat(detected).as("capture flights not lost yet").isEmpty();
        });
        } finally {
            talking.dispose();
            raw.close();
        }
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("airspace-presence"), Topics.FLIGHT_TRACKING_EVENTS,
                Duration.ofSeconds(300));
        // Axon publishes the volumes' events asynchronously: read airspace.events once it has fallen quiet.
        TopicReader.readUntilQuiet(bootstrapServers, Topics.AIRSPACE_EVENTS, record -> true, Duration.ofSeconds(4));
        flightTracking = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS).stream()
                .map(record -> flightTrackingSerde.deserializer().deserialize(record.topic(), record.value())).toList();
        airspace = TopicReader.readAll(bootstrapServers, Topics.AIRSPACE_EVENTS).stream()
                .map(record -> airspaceSerde.deserializer().deserialize(record.topic(), record.value())).toList();
    }

    @Test
    @Order(1)
    void theMalformedFeatureIsReportedAndTheRestLoads() {
        assertThat(airspaceImport.reports()).singleElement().satisfies(report -> {
            assertThat(report.features()).isEqualTo(4);
            assertThat(report.volumes()).isEqualTo(3);
            assertThat(report.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.id()).isEqualTo("TEST-BROKEN");
                assertThat(rejection.reason()).contains("Polygon or MultiPolygon, was 'LineString'");
            });
        });
        assertThat(meters.get("contrail.airspace.definitions.features").tag("outcome", "rejected").counter().count()).isEqualTo(1.0);
        assertThat(airspace).filteredOn(e -> e.getPayload() instanceof AirspaceDefined).extracting(AirspaceEvent::getAirspaceId)
                .containsExactlyInAnyOrder(APPROACH, EAST, HIGH);
    }

    @Test
    @Order(2)
    void entriesAndExitsAgreeWithContainmentComputedIndependently() {
        Map<String, List<AirspaceEvent>> transitionsByAircraft = new HashMap<>();
        for (AirspaceEvent event : airspace) {
            String icao24 = icao24(event);
            if (icao24 != null) {
                transitionsByAircraft.computeIfAbsent(icao24, k -> new ArrayList<>()).add(event);
            }
        }
        Map<String, List<FlightTrackingEvent>> eventsByAircraft = new LinkedHashMap<>();
        flightTracking.forEach(event -> eventsByAircraft.computeIfAbsent(event.getIcao24(), k -> new ArrayList<>()).add(event));

        int compared = 0;
        for (Map.Entry<String, List<FlightTrackingEvent>> aircraft : eventsByAircraft.entrySet()) {
            List<AirspaceEvent> transitions = transitionsByAircraft.getOrDefault(aircraft.getKey(), List.of());
            int next = 0;
            Set<String> inside = new HashSet<>();
            for (FlightTrackingEvent event : aircraft.getValue()) {
                Instant at = event.getOccurredAt();
                Position position = positionOf(event);
                boolean lost = event.getPayload() instanceof FlightLost;
                if (position == null && !lost) {
                    continue;
                }
                // The transitions the presence topology made with this event: the next ones of the aircraft, at its time.
                while (next < transitions.size() && transitions.get(next).getOccurredAt().equals(at)) {
                    AirspaceEvent transition = transitions.get(next++);
                    String volume = transition.getAirspaceId();
                    if (transition.getPayload() instanceof AircraftEnteredAirspace) {
                        assertThat(lost).as("no entry on a lost flight").isFalse();
                        assertThat(stateAt(volume, position)).as("%s entered %s at %s", aircraft.getKey(), volume, at).isNotEqualTo(State.OUT);
                        assertThat(inside.add(volume)).as("%s entered %s twice", aircraft.getKey(), volume).isTrue();
                    } else {
                        var exit = (AircraftExitedAirspace) transition.getPayload();
                        assertThat(exit.getReason()).isEqualTo(lost ? ExitReason.FLIGHT_LOST : ExitReason.LEFT);
                        if (!lost) {
                            assertThat(stateAt(volume, position)).as("%s left %s at %s", aircraft.getKey(), volume, at).isNotEqualTo(State.IN);
                        }
                        assertThat(inside.remove(volume)).as("%s left %s without entering", aircraft.getKey(), volume).isTrue();
                    }
                }
                if (lost) {
                    assertThat(inside).as("%s inside after its flight was lost", aircraft.getKey()).isEmpty();
                    continue;
                }
                for (String volume : volumes.keySet()) {
                    State expected = stateAt(volume, position);
                    if (expected != State.NEAR) {
                        compared++;
                        assertThat(inside.contains(volume)).as("%s inside %s at %s (%s, %s, %s)", aircraft.getKey(), volume, at,
                                position.getLatitude(), position.getLongitude(), altitude(position)).isEqualTo(expected == State.IN);
                    }
                }
            }
            assertThat(next).as("every transition of %s explained by one of its positions", aircraft.getKey()).isEqualTo(transitions.size());
        }
        assertThat(compared).as("positions compared with the independent computation").isGreaterThan(500);
        assertThat(count(APPROACH, AircraftEnteredAirspace.class)).as("entries into the approach sector").isGreaterThanOrEqualTo(4);
        assertThat(count(EAST, AircraftEnteredAirspace.class)).as("entries into the east sector").isGreaterThanOrEqualTo(8);
        assertThat(count(HIGH, AircraftEnteredAirspace.class)).as("entries into the high sectors").isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void entriesAndExitsPairUpOnceEveryFlightIsLost() {
        Map<String, List<AirspaceEvent>> byVolumeAndAircraft = new TreeMap<>();
        for (AirspaceEvent event : airspace) {
            if (icao24(event) != null) {
                byVolumeAndAircraft.computeIfAbsent(event.getAirspaceId() + "/" + icao24(event), k -> new ArrayList<>()).add(event);
            }
        }
        assertThat(byVolumeAndAircraft).isNotEmpty();
        byVolumeAndAircraft.forEach((key, events) -> {
            events.sort((a, b) -> Long.compare(a.getSequence(), b.getSequence()));
            assertThat(events.size() % 2).as("%s: entries and exits pair up", key).isZero();
            for (int i = 0; i < events.size(); i += 2) {
                var entered = (AircraftEnteredAirspace) events.get(i).getPayload();
                var exited = (AircraftExitedAirspace) events.get(i + 1).getPayload();
                assertThat(exited.getFlightId()).as("%s: the exit closes the entry's flight", key).isEqualTo(entered.getFlightId());
                assertThat(events.get(i + 1).getOccurredAt()).isAfterOrEqualTo(events.get(i).getOccurredAt());
            }
        });
        assertThat(airspace).filteredOn(e -> e.getPayload() instanceof AircraftExitedAirspace x && x.getReason() == ExitReason.FLIGHT_LOST)
                .as("flights lost inside a volume leave it").isNotEmpty();
    }

    @Test
    @Order(4)
    void capacityAlertsFireWhenAVolumeGoesOverItsCapacityAndClearWhenItComesBack() {
        int alerts = 0;
        for (IndependentContainment.Volume volume : volumes.values()) {
            int capacity = volume.capacity() == null ? 100 : volume.capacity();
            List<AirspaceEvent> history = airspace.stream().filter(e -> e.getAirspaceId().equals(volume.id()))
                    .sorted((a, b) -> Long.compare(a.getSequence(), b.getSequence())).toList();
            List<String> expected = new ArrayList<>();
            List<String> published = new ArrayList<>();
            int occupants = 0;
            boolean over = false;
            for (AirspaceEvent event : history) {
                if (event.getPayload() instanceof AircraftEnteredAirspace) {
                    occupants++;
                } else if (event.getPayload() instanceof AircraftExitedAirspace) {
                    occupants--;
                } else if (event.getPayload() instanceof CapacityExceeded e) {
                    published.add("exceeded with " + e.getOccupants());
                    continue;
                } else if (event.getPayload() instanceof CapacityRestored e) {
                    published.add("restored with " + e.getOccupants());
                    continue;
                } else {
                    continue;
                }
                if (!over && occupants > capacity) {
                    over = true;
                    expected.add("exceeded with " + occupants);
                } else if (over && occupants <= capacity) {
                    over = false;
                    expected.add("restored with " + occupants);
                }
            }
            assertThat(published).as("capacity alerts of %s (capacity %d)", volume.id(), capacity).isEqualTo(expected);
            alerts += published.size();
        }
        assertThat(airspace).filteredOn(e -> e.getPayload() instanceof CapacityExceeded).extracting(AirspaceEvent::getAirspaceId)
                .as("the small sectors went over capacity").contains(APPROACH, EAST);
        assertThat(airspace).filteredOn(e -> e.getPayload() instanceof CapacityRestored).extracting(AirspaceEvent::getAirspaceId)
                .as("and came back").contains(APPROACH, EAST);
        assertThat(alerts % 2).as("every alert cleared once all flights are lost").isZero();
    }

    @Test
    @Order(5)
    void theReadModelsServeTheVolumesTheirOccupancyAndTheirTraffic() {
        // A generous response timeout: the shared 2-core machine can be loaded far beyond its cores by other builds.
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(60)).build());
        long eastEntries = count(EAST, AircraftEnteredAirspace.class);
        Instant first = airspace.stream().map(AirspaceEvent::getOccurredAt).min(Instant::compareTo).orElseThrow();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var response = graphQl.document("""
                    query($from: String!, $to: String!) {
                      airspace(id: "TEST-IAD-EAST") { id name floorM ceilingM capacity retired
                        occupancy { count overCapacity }
                        entriesPerHour(from: $from, to: $to) { hour entries }
                        transits(last: 1000) { kind icao24 } }
                    }""")
                    .variable("from", first.minus(Duration.ofHours(2)).toString())
                    .variable("to", first.plus(Duration.ofDays(1)).toString())
                    .execute();
            response.path("airspace.name").entity(String.class).isEqualTo("East of Dulles (test)");
            response.path("airspace.floorM").valueIsNull();
            response.path("airspace.capacity").entity(Integer.class).isEqualTo(3);
            response.path("airspace.occupancy.count").entity(Integer.class).isEqualTo(0);
            response.path("airspace.occupancy.overCapacity").entity(Boolean.class).isEqualTo(false);
            List<Integer> perHour = response.path("airspace.entriesPerHour[*].entries").entityList(Integer.class).get();
            assertThat(perHour.stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) eastEntries);
            assertThat(response.path("airspace.transits").entityList(Object.class).get()).hasSize((int) (2 * eastEntries));
        });

        // Over Dulles at 1,000 m: in the approach sector, not in the high one, not east of the airport.
        graphQl.document("""
                { airspaces(containing: {latitude: 38.95, longitude: -77.46, altitudeM: 1000}) { id } }""")
                .execute().path("airspaces[*].id").entityList(String.class).containsExactly(APPROACH);
        graphQl.document("""
                { airspaces(containing: {latitude: 39.005, longitude: -77.53, altitudeM: 7000}) { id } }""")
                .execute().path("airspaces[*].id").entityList(String.class).hasSize(0);
        graphQl.document("""
                { airspaces(within: {south: 38.0, west: -78.0, north: 40.0, east: -77.0}) { id } }""")
                .execute().path("airspaces[*].id").entityList(String.class).containsExactly(APPROACH, EAST, HIGH);
        graphQl.document("""
                { airspaceOccupancy(id: "TEST-IAD-APP") { airspaceId count occupants { icao24 } } }""")
                .execute().path("airspaceOccupancy.count").entity(Integer.class).isEqualTo(0);
        graphQl.document("""
                { airspaces(containing: {latitude: 95, longitude: 0}) { id } }""")
                .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getMessage()).contains("containing").contains("latitude")));
    }

    private State stateAt(String volume, Position position) {
        return volumes.get(volume).state(position.getLatitude(), position.getLongitude(), altitude(position));
    }

    private static Double altitude(Position position) {
        return position.getBarometricAltitudeM() != null ? position.getBarometricAltitudeM() : position.getGeometricAltitudeM();
    }

    private static Position positionOf(FlightTrackingEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof FlightDetected p) {
            return p.getPosition();
        }
        if (payload instanceof PositionReported p) {
            return p.getPosition();
        }
        if (payload instanceof TookOff p) {
            return p.getPosition();
        }
        if (payload instanceof Landed p) {
            return p.getPosition();
        }
        if (payload instanceof EmergencyDeclared p) {
            return p.getPosition();
        }
        return null;
    }

    private static String icao24(AirspaceEvent event) {
        if (event.getPayload() instanceof AircraftEnteredAirspace e) {
            return e.getIcao24();
        }
        if (event.getPayload() instanceof AircraftExitedAirspace e) {
            return e.getIcao24();
        }
        return null;
    }

    private long count(String volume, Class<?> payload) {
        return airspace.stream().filter(e -> e.getAirspaceId().equals(volume) && payload.isInstance(e.getPayload())).count();
    }

    private List<FlightTrackingEvent> flightTrackingEvents(Duration quiet) {
        return TopicReader.readUntilQuiet(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS, record -> true, quiet).stream()
                .map(record -> flightTrackingSerde.deserializer().deserialize(record.topic(), record.value())).toList();
    }

    /** Test aircraft (icao24 starting with f) whose keys land on every partition, as Kafka's default partitioner places them. */
    private static Set<String> onEveryPartition() {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS; i++) {
            String icao24 = String.format("f0a%03x", i);
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(icao24.getBytes(StandardCharsets.UTF_8))) % PARTITIONS, icao24);
        }
        return new HashSet<>(byPartition.values());
    }
}

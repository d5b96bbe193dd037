package dev.contrail.infrastructure.airspace.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.RecordEntry;
import dev.contrail.domain.airspace.RecordExit;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries and exits from Flight Tracking's events, through the topology: only transitions become commands; jitter
 * across a boundary makes none; a flight lost inside leaves; a command that fails is retried with the next position.
 */
class AirspacePresenceTopologyTest {

    private static final Instant T0 = Instant.parse("2023-03-14T14:20:47Z");
    /** East of Dulles: the boundary is the meridian 77.40° W (≈ 86.5 m per 0.001° of longitude at 38.9° N). */
    private static final double BOUNDARY = -77.40;

    private final List<Object> commands = new ArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final AirspaceLocator locator = new AirspaceLocator(250, 30);
    private final AirspacePresenceTopology.Metrics metrics = AirspacePresenceTopology.Metrics.on(new SimpleMeterRegistry());
    // What the application's consumer runs before it commits offsets (the runtime's FlushBeforeCommit).
    private final List<Runnable> beforeCommit = new ArrayList<>();
    private boolean failing;
    /** An aircraft whose entries the volumes refuse. */
    private String refused;
    private long sequence;
    private TopologyTestDriver driver;
    private TestInputTopic<String, FlightTrackingEvent> events;

    @BeforeEach
    void startTopology() {
        bus.subscribe(RecordEntry.class.getName(), this::receive);
        bus.subscribe(RecordExit.class.getName(), this::receive);
        locator.update(List.of(new AirspaceLocator.Shape("sectors.geojson/EAST", Boundary.of(new BoundaryPolygon(new Ring(List.of(
                new GeoPoint(38.80, BOUNDARY), new GeoPoint(38.80, -77.10), new GeoPoint(39.10, -77.10), new GeoPoint(39.10, BOUNDARY),
                new GeoPoint(38.80, BOUNDARY))), List.of())), VerticalLimits.UNBOUNDED)), List.of());
        StreamsBuilder builder = new StreamsBuilder();
        AirspacePresenceTopology.addTo(builder, locator, timeout -> true,
                new AirspaceTraffic(DefaultCommandGateway.builder().commandBus(bus).build()), metrics,
                flush -> {
                    beforeCommit.add(flush);
                    return () -> beforeCommit.remove(flush);
                });
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "presence-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(),
                AvroSerde.of(FlightTrackingEvent.class).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Object receive(CommandMessage<?> message) {
        if (failing || refused != null && message.getPayload() instanceof RecordEntry entry && entry.icao24().equals(refused)) {
            throw new IllegalStateException("event store unavailable");
        }
        commands.add(message.getPayload());
        return null;
    }

    private void at(int seconds, double longitude) {
        position("a445ee", seconds, longitude);
    }

    /** One position, and the batch it is in sent (the flush punctuation's interval passes). */
    private void position(String icao24, int seconds, double longitude) {
        stage(icao24, seconds, longitude);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
    }

    /** One position, staged for the next batch. */
    private void stage(String icao24, int seconds, double longitude) {
        events.pipeInput(icao24, FlightTrackingEvent.newBuilder().setEventId("e" + sequence).setIcao24(icao24).setFlightId(icao24 + "-1")
                .setSequence(sequence++).setOccurredAt(T0.plusSeconds(seconds))
                .setPayload(PositionReported.newBuilder().setPosition(new Position(38.95, longitude, 3000.0, 3050.0)).setOnGround(false)
                        .build())
                .build());
    }

    private List<String> transitions() {
        return commands.stream().map(c -> c instanceof RecordEntry e ? "entry " + e.volumeId() + " " + e.icao24() + " " + e.at()
                : "exit " + ((RecordExit) c).volumeId() + " " + ((RecordExit) c).icao24() + " " + ((RecordExit) c).at() + " "
                + ((RecordExit) c).reason()).toList();
    }

    @Test
    void aCrossingIsOneEntryAndOneExitAtTheFirstPositionsClearlyAcross() {
        at(0, BOUNDARY - 0.05);
        at(30, BOUNDARY + 0.02);
        at(60, BOUNDARY + 0.08);
        at(90, BOUNDARY - 0.03);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30), "exit sectors.geojson/EAST a445ee " + T0.plusSeconds(90) + " LEFT");
    }

    /** ADR 0021: presence stored before volumes were named within their source leaves the volume of that id. */
    @Test
    void anAircraftStoredInsideABareAirspaceIdLeavesThatIdsVolume() {
        driver.<String, String>getKeyValueStore(AirspacePresenceTopology.PRESENCE_STORE).put("a445ee", "EAST");

        at(0, BOUNDARY - 0.05);

        assertThat(transitions()).containsExactly("exit sectors.geojson/EAST a445ee " + T0 + " LEFT");
        assertThat(driver.<String, String>getKeyValueStore(AirspacePresenceTopology.PRESENCE_STORE).get("a445ee")).isNull();
    }

    @Test
    void jitterAcrossTheBoundaryMakesNoEntriesAndExits() {
        at(0, BOUNDARY - 0.05);
        at(30, BOUNDARY + 0.02);
        // ±90 to ±170 m across the boundary, back and forth: within the 250 m margin, nothing changes.
        at(60, BOUNDARY - 0.001);
        at(90, BOUNDARY + 0.001);
        at(120, BOUNDARY - 0.002);
        at(150, BOUNDARY + 0.0015);
        at(180, BOUNDARY - 0.0019);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30));
    }

    @Test
    void aFlightLostInsideAVolumeLeavesIt() {
        at(0, BOUNDARY + 0.05);
        events.pipeInput("a445ee", FlightTrackingEvent.newBuilder().setEventId("lost").setIcao24("a445ee").setFlightId("a445ee-1")
                .setSequence(sequence++).setOccurredAt(T0.plusSeconds(400))
                .setPayload(FlightLost.newBuilder().setLastContactAt(T0).setLastPosition(new Position(38.95, BOUNDARY + 0.05, 3000.0, null))
                        .setOnGround(false).build())
                .build());
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
        at(500, BOUNDARY + 0.05);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0, "exit sectors.geojson/EAST a445ee " + T0.plusSeconds(400) + " FLIGHT_LOST",
                "entry sectors.geojson/EAST a445ee " + T0.plusSeconds(500));
    }

    @Test
    void aTransitionThatFailsIsMadeWithTheNextPosition() {
        failing = true;
        at(0, BOUNDARY + 0.05);
        failing = false;
        at(30, BOUNDARY + 0.06);
        at(60, BOUNDARY + 0.07);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30));
    }

    @Test
    void eachAircraftHasItsOwnPresence() {
        position("a445ee", 0, BOUNDARY + 0.05);
        position("a448d7", 0, BOUNDARY - 0.05);
        position("a448d7", 30, BOUNDARY + 0.05);
        position("a445ee", 30, BOUNDARY + 0.06);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0, "entry sectors.geojson/EAST a448d7 " + T0.plusSeconds(30));
    }

    @Test
    void eventsRedeliveredAfterTheAircraftMovedOnMakeNoTransition() {
        at(0, BOUNDARY - 0.05);
        at(30, BOUNDARY + 0.05);
        at(60, BOUNDARY - 0.05);
        // A republish from the event store: the same events again, while the aircraft is known to be outside.
        sequence = 0;
        at(0, BOUNDARY - 0.05);
        at(30, BOUNDARY + 0.05);
        at(60, BOUNDARY - 0.05);
        at(90, BOUNDARY + 0.05);

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30),
                "exit sectors.geojson/EAST a445ee " + T0.plusSeconds(60) + " LEFT", "entry sectors.geojson/EAST a445ee " + T0.plusSeconds(90));
    }

    @Test
    void anEventReDrivenToAnotherStageIsPassedOverAndOneReDrivenHereIsLocatedUnlessALaterOneWas() {
        at(0, BOUNDARY - 0.05);
        var redriven = new TestRecord<>("a445ee", FlightTrackingEvent.newBuilder().setEventId("e1").setIcao24("a445ee").setFlightId("a445ee-1")
                .setSequence(1).setOccurredAt(T0.plusSeconds(30))
                .setPayload(PositionReported.newBuilder().setPosition(new Position(38.95, BOUNDARY + 0.05, 3000.0, 3050.0)).setOnGround(false)
                        .build())
                .build());
        redriven.headers().add(DeadLetterRedrive.REDRIVEN_FOR, "airport-intake".getBytes(StandardCharsets.UTF_8));
        events.pipeInput(redriven);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
        assertThat(transitions()).isEmpty();

        redriven.headers().remove(DeadLetterRedrive.REDRIVEN_FOR);
        redriven.headers().add(DeadLetterRedrive.REDRIVEN_FOR, AirspacePresenceTopology.STAGE.getBytes(StandardCharsets.UTF_8));
        events.pipeInput(redriven);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30));

        // Re-driven after the aircraft moved on: too late to locate, presence follows each aircraft in order.
        sequence = 2;
        at(60, BOUNDARY - 0.05);
        events.pipeInput(redriven);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30), "exit sectors.geojson/EAST a445ee " + T0.plusSeconds(60) + " LEFT");
    }

    @Test
    void theExitReasonOfAFlyOutIsLeft() {
        at(0, BOUNDARY + 0.05);
        at(30, BOUNDARY - 0.05);
        assertThat(commands).filteredOn(RecordExit.class::isInstance).map(c -> ((RecordExit) c).reason()).containsExactly(ExitReason.LEFT);
    }

    /** ADR 0044: the transitions of many positions go as one unit of work, each aircraft's in its order. */
    @Test
    void thePositionsOfABatchMakeTheirTransitionsTogetherEachAircraftInItsOrder() {
        stage("a445ee", 0, BOUNDARY - 0.05);
        stage("a445ee", 30, BOUNDARY + 0.05);
        stage("a448d7", 30, BOUNDARY + 0.05);
        stage("a445ee", 60, BOUNDARY - 0.05);
        stage("a445ee", 90, BOUNDARY + 0.05);
        assertThat(transitions()).isEmpty();

        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0.plusSeconds(30),
                "entry sectors.geojson/EAST a448d7 " + T0.plusSeconds(30),
                "exit sectors.geojson/EAST a445ee " + T0.plusSeconds(60) + " LEFT",
                "entry sectors.geojson/EAST a445ee " + T0.plusSeconds(90));
        assertThat(metrics.batches().count()).isEqualTo(1.0);
        assertThat(metrics.entries().count()).isEqualTo(3.0);
        assertThat(metrics.exits().count()).isEqualTo(1.0);
    }

    /**
     * ADR 0044: the stores learn a transition only once its volume acknowledged it, so that a crash before the batch
     * is sent leaves them claiming nothing unsent; the batch goes before the offsets are committed.
     */
    @Test
    void theStoresLearnWhatABatchSentOnlyAfterItWasSentAndItIsSentBeforeTheOffsetsAreCommitted() {
        stage("a445ee", 0, BOUNDARY + 0.05);

        assertThat(driver.<String, String>getKeyValueStore(AirspacePresenceTopology.PRESENCE_STORE).get("a445ee")).isNull();
        assertThat(driver.<String, Long>getKeyValueStore(AirspacePresenceTopology.SEQUENCE_STORE).get("a445ee")).isNull();
        assertThat(beforeCommit).hasSize(1);

        beforeCommit.forEach(Runnable::run);
        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));

        assertThat(driver.<String, String>getKeyValueStore(AirspacePresenceTopology.PRESENCE_STORE).get("a445ee")).isEqualTo("sectors.geojson/EAST");
        assertThat(driver.<String, Long>getKeyValueStore(AirspacePresenceTopology.SEQUENCE_STORE).get("a445ee")).isZero();
    }

    @Test
    void anEventRedeliveredWhileTheFirstIsStagedMakesNoSecondTransition() {
        stage("a445ee", 0, BOUNDARY + 0.05);
        sequence = 0;
        stage("a445ee", 0, BOUNDARY + 0.05);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));

        assertThat(transitions()).containsExactly("entry sectors.geojson/EAST a445ee " + T0);
    }

    /** A batch that fails is sent one transition at a time: the one refused waits for its aircraft's next position. */
    @Test
    void aBatchThatFailsIsSentOneTransitionAtATimeAndOnlyTheRefusedOneWaits() {
        refused = "a448d7";
        stage("a445ee", 0, BOUNDARY + 0.05);
        stage("a448d7", 0, BOUNDARY + 0.05);
        stage("a449aa", 0, BOUNDARY + 0.05);
        driver.advanceWallClockTime(Duration.ofMillis(AirspacePresenceTopology.FLUSH_EVERY_MS));
        refused = null;
        position("a448d7", 30, BOUNDARY + 0.06);

        // Without a transaction manager nothing rolls back, so the first attempt's a445ee shows up twice: with one
        // (production), the failed batch stores nothing.
        assertThat(transitions()).endsWith("entry sectors.geojson/EAST a445ee " + T0, "entry sectors.geojson/EAST a449aa " + T0,
                "entry sectors.geojson/EAST a448d7 " + T0.plusSeconds(30));
        assertThat(metrics.failures().count()).isEqualTo(1.0);
        assertThat(driver.<String, String>getKeyValueStore(AirspacePresenceTopology.PRESENCE_STORE).get("a448d7")).isEqualTo("sectors.geojson/EAST");
    }
}

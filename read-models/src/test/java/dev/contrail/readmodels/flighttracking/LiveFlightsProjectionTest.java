package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFlightsProjectionTest {

    private static final Instant DETECTED_AT = Instant.ofEpochSecond(1678803647L);
    private static final String FLIGHT_ID = "a65527-1678803647";

    @TempDir
    Path stateDir;

    private final InMemoryLiveFlightWriter writer = new InMemoryLiveFlightWriter();
    private final List<LiveFlight> changes = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        LiveFlightsProjection.addTo(builder, writer, changes::add);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "live-flights-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        // Raw bytes in, so that a test can also send a tombstone exactly as Kafka would deliver it.
        events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void deliversEachEventToTheWriterInOrder() {
        FlightTrackingEvent detected = flightDetected(0);
        FlightTrackingEvent moved = positionReported(1, 38.8712, -77.4021);
        FlightTrackingEvent movedAgain = positionReported(2, 38.8650, -77.4070);

        send(detected);
        send(moved);
        send(movedAgain);

        assertThat(writer.received).containsExactly(detected, moved, movedAgain);
    }

    @Test
    void forwardsTheNewStateOfTheAircraftToTheChangesConsumer() {
        send(flightDetected(0));
        send(positionReported(1, 38.8712, -77.4021));

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).satisfies(change -> {
            assertThat(change.icao24()).isEqualTo("a65527");
            assertThat(change.callsign()).isEqualTo("NKS2003");
            assertThat(change.latitude()).isEqualTo(38.8778);
        });
        assertThat(changes.get(1)).satisfies(change -> {
            assertThat(change.callsign()).isEqualTo("NKS2003");
            assertThat(change.latitude()).isEqualTo(38.8712);
            assertThat(change.longitude()).isEqualTo(-77.4021);
            assertThat(change.lastSeen()).isEqualTo(DETECTED_AT.plusSeconds(1));
        });
    }

    @Test
    void forwardsNothingForARedeliveredEvent() {
        send(flightDetected(0));
        send(positionReported(1, 38.8712, -77.4021));
        send(positionReported(1, 38.8712, -77.4021));

        assertThat(writer.received).hasSize(3);
        assertThat(changes).hasSize(2);
    }

    @Test
    void skipsATombstone() {
        events.pipeInput("a65527", null);

        assertThat(writer.received).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void carriesOnAfterATombstone() {
        events.pipeInput("a65527", null);
        send(flightDetected(0));

        assertThat(writer.received).hasSize(1);
        assertThat(changes).extracting(LiveFlight::icao24).containsExactly("a65527");
    }

    private void send(FlightTrackingEvent event) {
        events.pipeInput(event.getIcao24(), AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event));
    }

    private static FlightTrackingEvent flightDetected(long sequence) {
        return FlightTrackingEvent.newBuilder()
                .setEventId("event-" + sequence)
                .setIcao24("a65527")
                .setFlightId(FLIGHT_ID)
                .setSequence(sequence)
                .setOccurredAt(DETECTED_AT.plusSeconds(sequence))
                .setPayload(FlightDetected.newBuilder()
                        .setCallsign("NKS2003")
                        .setOriginCountry("United States")
                        .setPosition(position(38.8778, -77.3974))
                        .setOnGround(false)
                        .setGroundSpeedMps(187.84)
                        .setTrackDeg(208.46)
                        .setVerticalRateMps(0.0)
                        .setSquawk("0260")
                        .build())
                .build();
    }

    private static FlightTrackingEvent positionReported(long sequence, double latitude, double longitude) {
        return FlightTrackingEvent.newBuilder()
                .setEventId("event-" + sequence)
                .setIcao24("a65527")
                .setFlightId(FLIGHT_ID)
                .setSequence(sequence)
                .setOccurredAt(DETECTED_AT.plusSeconds(sequence))
                .setPayload(PositionReported.newBuilder()
                        .setPosition(position(latitude, longitude))
                        .setOnGround(false)
                        .setGroundSpeedMps(190.2)
                        .setTrackDeg(208.5)
                        .setVerticalRateMps(1.3)
                        .build())
                .build();
    }

    private static Position position(double latitude, double longitude) {
        return Position.newBuilder().setLatitude(latitude).setLongitude(longitude)
                .setBarometricAltitudeM(7010.4).setGeometricAltitudeM(6659.88).build();
    }
}

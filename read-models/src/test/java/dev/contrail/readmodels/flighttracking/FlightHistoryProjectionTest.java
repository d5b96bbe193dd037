package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.BOSTON_LOGAN;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.DULLES_RUNWAY_19C;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.OVER_DULLES;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.contrail.readmodels.flighttracking.FlightRecord.Status;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightHistoryProjectionTest {

    @TempDir
    Path stateDir;

    private final FlightHistoryInMemoryWriter writer = new FlightHistoryInMemoryWriter();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        FlightHistoryProjection.addTo(builder, writer);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "flight-history-test");
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
    void deliversEveryEventOfTheAircraftToTheWriterInOrder() {
        List<FlightTrackingEvent> history = twoFlightsOfUal1744();

        history.forEach(this::send);

        assertThat(writer.received).containsExactlyElementsOf(history);
    }

    @Test
    void keepsOneRecordPerFlightFromDetectionToLoss() {
        twoFlightsOfUal1744().forEach(this::send);

        assertThat(writer.flights.values()).extracting(FlightRecord::flightId, FlightRecord::callsign, FlightRecord::status)
                .containsExactly(
                        tuple("a1b2c3-" + T0.getEpochSecond(), "UAL1745", Status.LANDED),
                        tuple("a1b2c3-" + T0.plusSeconds(7200).getEpochSecond(), "UAL1745", Status.LOST));
    }

    @Test
    void redeliveringEveryEventInAnyOrderChangesNoFlight() {
        List<FlightTrackingEvent> history = twoFlightsOfUal1744();
        history.forEach(this::send);
        Map<String, FlightRecord> applied = new TreeMap<>(writer.flights);

        List<FlightTrackingEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7500));
        shuffled.forEach(this::send);
        List<FlightTrackingEvent> reversed = new ArrayList<>(history);
        Collections.reverse(reversed);
        reversed.forEach(this::send);

        assertThat(writer.received).hasSize(3 * history.size());
        assertThat(writer.flights).isEqualTo(applied);
    }

    @Test
    void skipsATombstoneAndCarriesOn() {
        events.pipeInput("a1b2c3", null);
        send(new FlightHistoryEvents("a1b2c3").detected(T0, "UAL1744", true, DULLES_RUNWAY_19C, "1200"));

        assertThat(writer.received).hasSize(1);
        assertThat(writer.flights).hasSize(1);
    }

    /** Detected at the gate, out to Boston under a new callsign with a squawk scare, back out again and lost. */
    private static List<FlightTrackingEvent> twoFlightsOfUal1744() {
        var ual1744 = new FlightHistoryEvents("a1b2c3");
        return List.of(
                ual1744.detected(T0, "UAL1744", true, DULLES_RUNWAY_19C, "1200"),
                ual1744.tookOff(T0.plusSeconds(300), DULLES_RUNWAY_19C),
                ual1744.callsignChanged(T0.plusSeconds(330), "UAL1744", "UAL1745"),
                ual1744.positionReported(T0.plusSeconds(360), OVER_DULLES),
                ual1744.squawkChanged(T0.plusSeconds(400), "1200", "7600"),
                ual1744.emergencyDeclared(T0.plusSeconds(400), EmergencyKind.RADIO_FAILURE, "7600", OVER_DULLES),
                ual1744.squawkChanged(T0.plusSeconds(460), "7600", "1200"),
                ual1744.emergencyCleared(T0.plusSeconds(460), EmergencyKind.RADIO_FAILURE, "1200"),
                ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN),
                ual1744.tookOff(T0.plusSeconds(7200), BOSTON_LOGAN),
                ual1744.lost(T0.plusSeconds(8400), T0.plusSeconds(7800), BOSTON_LOGAN, false));
    }

    private void send(FlightTrackingEvent event) {
        events.pipeInput(event.getIcao24(), AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event));
    }
}

package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.OVER_DULLES;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

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

class EmergenciesProjectionTest {

    @TempDir
    Path stateDir;

    private final EmergencyInMemoryWriter writer = new EmergencyInMemoryWriter();
    private final List<Emergency> changes = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        EmergenciesProjection.addTo(builder, writer, changes::add);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "emergencies-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void onlyDeclarationsClearancesAndLostFlightsReachTheWriter() {
        squawkScareOfDal1382().forEach(this::send);

        assertThat(writer.received).extracting(event -> event.getPayload().getClass().getSimpleName()).containsExactly(
                "EmergencyDeclared", "EmergencyCleared", "EmergencyDeclared", "EmergencyCleared", "EmergencyDeclared", "FlightLost");
    }

    @Test
    void forwardsEachDeclarationAndEndingOnceStored() {
        squawkScareOfDal1382().forEach(this::send);

        assertThat(changes).extracting(Emergency::kind, Emergency::active, Emergency::endedBy).containsExactly(
                tuple(Emergency.Kind.GENERAL_EMERGENCY, true, null),
                tuple(Emergency.Kind.GENERAL_EMERGENCY, false, Emergency.End.CLEARED),
                tuple(Emergency.Kind.RADIO_FAILURE, true, null),
                tuple(Emergency.Kind.RADIO_FAILURE, false, Emergency.End.CLEARED),
                tuple(Emergency.Kind.HIJACK, true, null),
                tuple(Emergency.Kind.HIJACK, false, Emergency.End.FLIGHT_LOST));
        assertThat(changes.get(0)).satisfies(declared -> {
            assertThat(declared.icao24()).isEqualTo("a0b1c2");
            assertThat(declared.squawk()).isEqualTo("7700");
            assertThat(declared.declaredAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(declared.position().latitude()).isEqualTo(38.8778);
        });
    }

    @Test
    void redeliveringEveryEventInAnyOrderChangesNothingAndNotifiesNobody() {
        List<FlightTrackingEvent> history = squawkScareOfDal1382();
        history.forEach(this::send);
        Map<String, Emergency> applied = new TreeMap<>(writer.emergencies);
        int notified = changes.size();

        List<FlightTrackingEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7700));
        shuffled.forEach(this::send);
        Collections.reverse(shuffled);
        shuffled.forEach(this::send);

        assertThat(writer.emergencies).isEqualTo(applied);
        assertThat(changes).hasSize(notified);
    }

    @Test
    void aLostFlightWithoutAnEmergencyNotifiesNobody() {
        var quiet = new FlightHistoryEvents("a0b1c3");
        send(quiet.detected(T0, "DAL1383", false, OVER_DULLES, "1200"));
        send(quiet.lost(T0.plusSeconds(900), T0.plusSeconds(300), OVER_DULLES, false));

        assertThat(writer.received).hasSize(1);
        assertThat(changes).isEmpty();
    }

    @Test
    void skipsATombstoneAndCarriesOn() {
        var dal1382 = new FlightHistoryEvents("a0b1c2");
        dal1382.detected(T0, "DAL1382", false, OVER_DULLES, "1200");
        events.pipeInput("a0b1c2", null);
        send(dal1382.emergencyDeclared(T0.plusSeconds(60), EmergencyKind.GENERAL_EMERGENCY, "7700", OVER_DULLES));

        assertThat(changes).hasSize(1);
    }

    /** 7700, then 7600 (which clears the first), back to 1200, then 7500 until the flight is lost. */
    private static List<FlightTrackingEvent> squawkScareOfDal1382() {
        var dal1382 = new FlightHistoryEvents("a0b1c2");
        return List.of(
                dal1382.detected(T0, "DAL1382", false, OVER_DULLES, "1200"),
                dal1382.squawkChanged(T0.plusSeconds(60), "1200", "7700"),
                dal1382.emergencyDeclared(T0.plusSeconds(60), EmergencyKind.GENERAL_EMERGENCY, "7700", OVER_DULLES),
                dal1382.squawkChanged(T0.plusSeconds(120), "7700", "7600"),
                dal1382.emergencyCleared(T0.plusSeconds(120), EmergencyKind.GENERAL_EMERGENCY, "7600"),
                dal1382.emergencyDeclared(T0.plusSeconds(120), EmergencyKind.RADIO_FAILURE, "7600", OVER_DULLES),
                dal1382.squawkChanged(T0.plusSeconds(180), "7600", "1200"),
                dal1382.emergencyCleared(T0.plusSeconds(180), EmergencyKind.RADIO_FAILURE, "1200"),
                dal1382.squawkChanged(T0.plusSeconds(240), "1200", "7500"),
                dal1382.emergencyDeclared(T0.plusSeconds(240), EmergencyKind.HIJACK, "7500", OVER_DULLES),
                dal1382.lost(T0.plusSeconds(900), T0.plusSeconds(240), OVER_DULLES, false));
    }

    private void send(FlightTrackingEvent event) {
        events.pipeInput(event.getIcao24(), AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event));
    }
}

package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.FLIGHT_ID;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.ICAO24;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.T0;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.callsignChanged;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.detected;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.emergencyCleared;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.emergencyDeclared;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.event;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.flightLost;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.landed;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.observation;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.positionReported;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.squawkChanged;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.tookOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFlightsProjectionTest {

    @TempDir
    Path stateDir;

    private final InMemoryLiveFlightWriter writer = new InMemoryLiveFlightWriter();
    private final List<LiveFlight> changes = new ArrayList<>();
    private final List<String> freshness = new ArrayList<>();
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestInputTopic<String, byte[]> observations;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        LiveFlightsProjection.addTo(builder, writer, changes::add, (source, age) -> freshness.add(source + ":" + !age.isNegative()));
        topology = builder.build();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "live-flights-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, config);
        // Raw bytes in, so that a test can also send a tombstone exactly as Kafka would deliver it.
        events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        observations = driver.createInputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void readsBothTopicsInOneSubTopologySoThatAnAircraftIsWrittenByOneTaskAtATime() {
        assertThat(topology.describe().subtopologies()).singleElement().satisfies(subtopology ->
                assertThat(subtopology.nodes()).filteredOn(node -> node instanceof TopologyDescription.Source)
                        .flatExtracting(node -> ((TopologyDescription.Source) node).topicSet())
                        .containsExactlyInAnyOrder(Topics.FLIGHT_TRACKING_EVENTS, Topics.FLIGHT_TRACKING_OBSERVATIONS));
    }

    @Test
    void deliversEveryRecordOfBothTopicsToTheWriterInOrder() {
        FlightTrackingEvent detected = event(0, 0, detected());
        AircraftObservation first = observation(0).build();
        AircraftObservation second = observation(5).build();
        FlightTrackingEvent reported = event(1, 30, positionReported(38.8712, -77.4021));

        send(detected);
        send(first);
        send(second);
        send(reported);

        assertThat(writer.received).containsExactly(detected, first, second, reported);
    }

    @Test
    void writesWhatArrivesWithinOneFlushIntervalAsOneBatchAndAnnouncesEachAircraftOnceAsItIsAfterIt() {
        send(event(0, 0, detected()));
        stage(observation(0).build());
        stage(observation(5).setLatitude(38.8712).build());
        stage(observation(10).setLatitude(38.8650).build());
        assertThat(changes).as("nothing is announced before the batch is written").isEmpty();

        driver.advanceWallClockTime(Duration.ofMillis(LiveFlightsProjection.FLUSH_EVERY_MS));

        assertThat(changes).singleElement().satisfies(flight -> {
            assertThat(flight.latitude()).isEqualTo(38.8650);
            assertThat(flight.lastSeen()).isEqualTo(T0.plusSeconds(10));
        });
        assertThat(freshness).containsExactly("observation:true");
    }

    @Test
    void timesEachChangeFromItsRecordsTimestampAndNothingForAChangeThatWasNotMade() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(observation(0).build()); // a redelivery: no change, no time

        assertThat(freshness).containsExactly("observation:true");
        assertThat(changes).hasSize(1);
    }

    @Test
    void announcesAnAircraftOnlyOnceBothItsFlightAndItsObservationsAreKnown() {
        send(event(0, 0, detected()));
        assertThat(changes).isEmpty();

        send(observation(0).build());

        assertThat(changes).singleElement().satisfies(flight -> {
            assertThat(flight.icao24()).isEqualTo(ICAO24);
            assertThat(flight.flightId()).isEqualTo(FLIGHT_ID);
            assertThat(flight.callsign()).isEqualTo("NKS2003");
            assertThat(flight.originCountry()).isEqualTo("United States");
            assertThat(flight.squawk()).isEqualTo("0260");
            assertThat(flight.latitude()).isEqualTo(38.8778);
            assertThat(flight.longitude()).isEqualTo(-77.3974);
            assertThat(flight.barometricAltitudeM()).isEqualTo(7010.4);
            assertThat(flight.firstSeen()).isEqualTo(T0);
            assertThat(flight.lastSeen()).isEqualTo(T0);
            assertThat(flight.phase()).isEqualTo(Phase.CRUISING);
        });
    }

    @Test
    void endsInTheSameStateWhicheverTopicSpeaksFirst() {
        send(observation(0).build());
        assertThat(changes).isEmpty();
        send(event(0, 0, detected()));
        LiveFlight observationFirst = changes.get(0);

        var other = new InMemoryLiveFlightWriter();
        other.apply(event(0, 0, detected()));
        other.apply(observation(0).build());

        assertThat(other.flight(ICAO24)).contains(observationFirst);
    }

    @Test
    void movesTheAircraftWithEveryObservationBetweenTheSampledPositionEvents() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(observation(5).setLatitude(38.8712).setLongitude(-77.4021).build());
        send(observation(10).setLatitude(38.8650).setLongitude(-77.4070).setGroundSpeedMps(190.0).build());

        assertThat(changes).extracting(LiveFlight::latitude).containsExactly(38.8778, 38.8712, 38.8650);
        assertThat(changes.get(2).lastSeen()).isEqualTo(T0.plusSeconds(10));
        assertThat(changes.get(2).groundSpeedMps()).isEqualTo(190.0);
    }

    @Test
    void leavesThePositionToTheObservationsEvenWhenAnEventCarriesOne() {
        send(event(0, 0, detected()));
        send(observation(40).setLatitude(38.9).build());
        send(event(1, 30, positionReported(38.1, -77.1)));

        assertThat(writer.flight(ICAO24)).hasValueSatisfying(flight -> {
            assertThat(flight.latitude()).isEqualTo(38.9);
            assertThat(flight.lastSeen()).isEqualTo(T0.plusSeconds(40));
        });
    }

    @Test
    void keepsTheLastKnownPositionWhenAnObservationHasNone() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(observation(5).setLatitude(null).setLongitude(null).setBarometricAltitudeM(null).setGeometricAltitudeM(null)
                .setPositionAt(null).setGroundSpeedMps(150.0).build());

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.latitude()).isEqualTo(38.8778);
            assertThat(flight.longitude()).isEqualTo(-77.3974);
            assertThat(flight.barometricAltitudeM()).isEqualTo(7010.4);
            assertThat(flight.groundSpeedMps()).isEqualTo(150.0);
            assertThat(flight.lastSeen()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void announcesNothingForARedeliveredOrOlderObservation() {
        send(event(0, 0, detected()));
        send(observation(10).build());
        send(observation(10).build());
        send(observation(5).setLatitude(1.0).build());

        assertThat(changes).hasSize(1);
        assertThat(writer.flight(ICAO24)).hasValueSatisfying(flight -> assertThat(flight.latitude()).isEqualTo(38.8778));
    }

    @Test
    void announcesNothingForARedeliveredEvent() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(event(1, 1, callsignChanged("NKS2003", "NKS2004")));
        send(event(1, 1, callsignChanged("NKS2003", "NKS2004")));
        send(event(0, 0, detected()));

        assertThat(changes).extracting(LiveFlight::callsign).containsExactly("NKS2003", "NKS2004");
    }

    @Test
    void followsTheFlightLevelEvents() {
        send(observation(0).build());
        send(event(0, 0, detected()));
        send(event(1, 1, callsignChanged("NKS2003", "NKS2004")));
        send(event(2, 2, squawkChanged("0260", "7700")));
        send(event(3, 2, emergencyDeclared(EmergencyKind.GENERAL_EMERGENCY, "7700")));

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.callsign()).isEqualTo("NKS2004");
            assertThat(flight.squawk()).isEqualTo("7700");
            assertThat(flight.emergency()).isEqualTo("GENERAL_EMERGENCY");
        });

        send(event(4, 3, squawkChanged("7700", "1200")));
        send(event(5, 3, emergencyCleared(EmergencyKind.GENERAL_EMERGENCY, "1200")));

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.squawk()).isEqualTo("1200");
            assertThat(flight.emergency()).isNull();
        });
    }

    @Test
    void marksTheLandmarksOfTheFlightAndStartsTheNextFlightAtTakeOff() {
        send(observation(0).setOnGround(true).setVerticalRateMps(null).build());
        send(event(0, 0, detectedOnGround()));
        send(observation(60).build());
        send(event(1, 60, tookOff(null)));
        send(event(2, 3600, landed()));
        send(observation(3600).setOnGround(true).build());

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.flightId()).isEqualTo(FLIGHT_ID);
            assertThat(flight.tookOffAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(flight.landedAt()).isEqualTo(T0.plusSeconds(3600));
            assertThat(flight.firstSeen()).isEqualTo(T0);
            assertThat(flight.phase()).isEqualTo(Phase.ON_GROUND);
        });

        String nextFlight = ICAO24 + "-" + T0.plusSeconds(7200).getEpochSecond();
        send(event(nextFlight, 3, 7200, tookOff(FLIGHT_ID)));

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.flightId()).isEqualTo(nextFlight);
            assertThat(flight.firstSeen()).isEqualTo(T0.plusSeconds(7200));
            assertThat(flight.tookOffAt()).isEqualTo(T0.plusSeconds(7200));
            assertThat(flight.landedAt()).isNull();
        });
    }

    @Test
    void derivesThePhaseFromTheVerticalRate() {
        send(event(0, 0, detected()));
        send(observation(0).setVerticalRateMps(8.0).build());
        send(observation(5).setVerticalRateMps(2.5).build());
        send(observation(10).setVerticalRateMps(-6.0).build());
        send(observation(15).setOnGround(true).build());

        assertThat(changes).extracting(LiveFlight::phase)
                .containsExactly(Phase.CLIMBING, Phase.CRUISING, Phase.DESCENDING, Phase.ON_GROUND);
    }

    @Test
    void isLostAfterFlightLostUntilItIsHeardFromAgain() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(event(1, 600, flightLost(T0)));

        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.lost()).isTrue();
            assertThat(flight.phase()).isEqualTo(Phase.LOST);
            assertThat(flight.flightId()).isEqualTo(FLIGHT_ID);
        });

        // Heard from again: the observation stream may bring it back before the event of its new flight.
        send(observation(700).build());
        assertThat(changes).last().satisfies(flight -> assertThat(flight.phase()).isEqualTo(Phase.CRUISING));

        String nextFlight = ICAO24 + "-" + T0.plusSeconds(700).getEpochSecond();
        send(event(nextFlight, 2, 700, detected()));
        assertThat(changes).last().satisfies(flight -> {
            assertThat(flight.lost()).isFalse();
            assertThat(flight.flightId()).isEqualTo(nextFlight);
            assertThat(flight.firstSeen()).isEqualTo(T0.plusSeconds(700));
        });
    }

    @Test
    void isRevivedByTheEventOfItsNextFlightEvenBeforeItsObservationsArrive() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(event(1, 600, flightLost(T0)));
        String nextFlight = ICAO24 + "-" + T0.plusSeconds(700).getEpochSecond();

        send(event(nextFlight, 2, 700, detected()));

        assertThat(changes).last().satisfies(flight -> assertThat(flight.phase()).isEqualTo(Phase.CRUISING));
    }

    @Test
    void staysLostForAnObservationFromBeforeTheLoss() {
        send(event(0, 0, detected()));
        send(observation(0).build());
        send(event(1, 600, flightLost(T0)));
        // Observed before the loss was declared, but processed after it: the topics are not ordered with each other.
        send(observation(300).build());

        assertThat(changes).last().satisfies(flight -> assertThat(flight.phase()).isEqualTo(Phase.LOST));
    }

    @Test
    void skipsTombstonesOnBothTopics() {
        events.pipeInput(ICAO24, null);
        observations.pipeInput(ICAO24, null);

        assertThat(writer.received).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void carriesOnAfterATombstone() {
        events.pipeInput(ICAO24, null);
        send(event(0, 0, detected()));
        observations.pipeInput(ICAO24, null);
        send(observation(0).build());

        assertThat(writer.received).hasSize(2);
        assertThat(changes).extracting(LiveFlight::icao24).containsExactly(ICAO24);
    }

    /** A detection of an aircraft standing at the gate. */
    private static FlightDetected detectedOnGround() {
        FlightDetected payload = detected();
        payload.setOnGround(true);
        payload.setVerticalRateMps(null);
        return payload;
    }

    /** Sends one record and lets the batch it was staged in come due: each record its own batch. */
    private void send(FlightTrackingEvent event) {
        stage(event);
        driver.advanceWallClockTime(Duration.ofMillis(LiveFlightsProjection.FLUSH_EVERY_MS));
    }

    private void send(AircraftObservation observation) {
        stage(observation);
        driver.advanceWallClockTime(Duration.ofMillis(LiveFlightsProjection.FLUSH_EVERY_MS));
    }

    private void stage(FlightTrackingEvent event) {
        events.pipeInput(event.getIcao24(), AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event));
    }

    private void stage(AircraftObservation observation) {
        observations.pipeInput(observation.getIcao24(),
                AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation));
    }
}

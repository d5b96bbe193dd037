package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.ICAO24;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.T0;
import static dev.contrail.readmodels.flighttracking.LiveFlightFixtures.observation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

class FlightTracksProjectionTest {

    @TempDir
    Path stateDir;

    private final InMemoryTrackPoints writer = new InMemoryTrackPoints();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> observations;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        FlightTracksProjection.addTo(builder, writer);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "flight-tracks-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        observations = driver.createInputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void makesEveryObservationWithAPositionAPointOfTheTrack() {
        send(observation(0).build());
        send(observation(5).setLatitude(38.8712).setLongitude(-77.4021).setVerticalRateMps(-3.2).build());

        assertThat(writer.points.values()).containsExactly(
                new TrackPoint(ICAO24, T0, 38.8778, -77.3974, 7010.4, 6659.88, false, 187.84, 208.46, 0.0),
                new TrackPoint(ICAO24, T0.plusSeconds(5), 38.8712, -77.4021, 7010.4, 6659.88, false, 187.84, 208.46, -3.2));
    }

    @Test
    void skipsAnObservationWithoutAPosition() {
        send(observation(0).setLatitude(null).setLongitude(null).setPositionAt(null).build());

        assertThat(writer.offered).isEmpty();
    }

    @Test
    void keepsThePointsOfOneInstantOnceWhenAnObservationIsRedelivered() {
        AircraftObservation first = observation(0).build();
        send(first);
        send(observation(5).build());
        send(first);

        assertThat(writer.offered).hasSize(3);
        assertThat(writer.points).hasSize(2);
    }

    @Test
    void skipsATombstone() {
        observations.pipeInput(ICAO24, null);

        assertThat(writer.offered).isEmpty();
    }

    private void send(AircraftObservation observation) {
        observations.pipeInput(observation.getIcao24(),
                AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation));
    }

    /** The track table in a map, with its key and its ON CONFLICT DO NOTHING. */
    private static final class InMemoryTrackPoints implements TrackPointWriter {
        record Key(String icao24, Instant observedAt) implements Comparable<Key> {
            @Override
            public int compareTo(Key other) {
                int byAircraft = icao24.compareTo(other.icao24);
                return byAircraft != 0 ? byAircraft : observedAt.compareTo(other.observedAt);
            }
        }

        final Map<Key, TrackPoint> points = new TreeMap<>();
        final List<TrackPoint> offered = new ArrayList<>();

        @Override
        public boolean write(TrackPoint point) {
            offered.add(point);
            return points.putIfAbsent(new Key(point.icao24(), point.observedAt()), point) == null;
        }
    }
}

package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

class TrafficStatsProjectionTest {

    /** The wall clock of the test driver: 14:30:15 UTC on the day of the bundled capture. */
    private static final Instant NOW = Instant.parse("2023-03-14T14:30:15Z");

    @TempDir
    Path stateDir;

    private final TrafficInMemoryWriter writer = new TrafficInMemoryWriter();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> observations;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        TrafficStatsProjection.addTo(builder, writer);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "traffic-stats-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config, NOW);
        observations = driver.createInputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void recordsEveryObservationInOrder() {
        AircraftObservation first = observation("a65527", NOW.minusSeconds(20));
        AircraftObservation second = observation("a65527", NOW.minusSeconds(10));
        AircraftObservation other = observation("a1b2c3", NOW.minusSeconds(5));

        send(first);
        send(second);
        send(other);

        assertThat(writer.recorded).containsExactly(first, second, other);
    }

    @Test
    void recordsAnObservationInTheOldestMinuteKept() {
        AircraftObservation oldestKept = observation("a65527", TrafficStats.minuteOf(NOW.minus(TrafficStatsProjection.RETENTION)));

        send(oldestKept);

        assertThat(writer.recorded).containsExactly(oldestKept);
    }

    @Test
    void doesNotRecordAnObservationOlderThanTheMinutesKept() {
        Instant beforeHorizon = TrafficStats.minuteOf(NOW.minus(TrafficStatsProjection.RETENTION)).minusMillis(1);

        send(observation("a65527", beforeHorizon));

        assertThat(writer.recorded).isEmpty();
    }

    @Test
    void keepsTheLongestWindowAndMore() {
        assertThat(TrafficStatsProjection.RETENTION).isGreaterThan(TrafficStatsQueries.LONGEST_WINDOW.plusMinutes(1));
    }

    @Test
    void forgetsMinutesOlderThanTheRetentionEveryMinuteOfWallClockTime() {
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(writer.forgotBefore).containsExactly(
                TrafficStats.minuteOf(NOW.plus(Duration.ofMinutes(1)).minus(TrafficStatsProjection.RETENTION)),
                TrafficStats.minuteOf(NOW.plus(Duration.ofMinutes(2)).minus(TrafficStatsProjection.RETENTION)));
    }

    @Test
    void skipsATombstoneAndCarriesOn() {
        observations.pipeInput("a65527", null);
        send(observation("a65527", NOW));

        assertThat(writer.recorded).hasSize(1);
    }

    private void send(AircraftObservation observation) {
        observations.pipeInput(observation.getIcao24(),
                AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation));
    }

    private static AircraftObservation observation(String icao24, Instant observedAt) {
        return AircraftObservation.newBuilder()
                .setIcao24(icao24)
                .setObservedAt(observedAt)
                .setPositionAt(observedAt)
                .setCallsign("NKS2003")
                .setOriginCountry("United States")
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setBarometricAltitudeM(7010.4)
                .setGeometricAltitudeM(6659.88)
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setTrackDeg(208.46)
                .setVerticalRateMps(0.0)
                .setSquawk("0260")
                .setSource("test")
                .build();
    }
}

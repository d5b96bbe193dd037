package dev.contrail.api.flighttracking;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records of Flight Tracking's observation and event topics for the read-model tests, and a way to feed them to a
 * projection's real topology without a broker: exactly the records a test chooses, in exactly its order, so that it
 * can redeliver them as it likes.
 */
final class LiveFlightsRecords {

    private LiveFlightsRecords() {
    }

    static AircraftObservation.Builder observation(String icao24, Instant at) {
        return AircraftObservation.newBuilder()
                .setIcao24(icao24)
                .setObservedAt(at)
                .setPositionAt(at)
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
                .setSource("test");
    }

    static FlightTrackingEvent event(String icao24, String flightId, long sequence, Instant at, Object payload) {
        return FlightTrackingEvent.newBuilder()
                .setEventId(icao24 + "-event-" + sequence)
                .setIcao24(icao24)
                .setFlightId(flightId)
                .setSequence(sequence)
                .setOccurredAt(at)
                .setPayload(payload)
                .build();
    }

    static Position position(double latitude, double longitude, double altitude) {
        return Position.newBuilder().setLatitude(latitude).setLongitude(longitude)
                .setBarometricAltitudeM(altitude).setGeometricAltitudeM(altitude - 350).build();
    }

    /** A projection's topology in a {@link TopologyTestDriver}, fed with records of either topic. */
    static final class Topology implements AutoCloseable {
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, byte[]> observations;
        private final TestInputTopic<String, byte[]> events;

        Topology(Path stateDir, Consumer<StreamsBuilder> projection) {
            StreamsBuilder builder = new StreamsBuilder();
            projection.accept(builder);
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "read-model-test");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(builder.build(), config);
            observations = driver.createInputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
            events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        }

        /** Sends one record and lets the batch it was staged in come due: each record written on its own. */
        void send(SpecificRecord record) {
            stage(record);
            flush();
        }

        /** Lets whatever the projection staged come due (ADR 0020): written as one batch. */
        void flush() {
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        }

        /** Sends one record and leaves it staged until the next {@link #flush}, or until the batch fills. */
        void stage(SpecificRecord record) {
            if (record instanceof AircraftObservation observation) {
                observations.pipeInput(observation.getIcao24(),
                        AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation));
            } else {
                FlightTrackingEvent event = (FlightTrackingEvent) record;
                events.pipeInput(event.getIcao24(), AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event));
            }
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}

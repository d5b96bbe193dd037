package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.JdbcBatches;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The flight-tracks projection: every observation with a position becomes a point of its aircraft's track in
 * PostgreSQL. It reads the full-rate observation stream, not the events: the domain keeps one position per 30 s
 * (ADR 0007), too coarse to draw a track. Idempotent: a point is keyed by (icao24, observed_at), and a redelivered
 * observation leaves the existing point as it is.
 *
 * <p>The model holds nothing that the topic cannot give back, as far as the topic's retention reaches. To rebuild
 * it, bump {@link #VERSION} (a new application.id reads the topic again from offset 0); existing points may stay,
 * since rewriting them is a no-op.
 */
public final class FlightTracksProjection {

    public static final String NAME = "flight-tracks";
    static final long FLUSH_EVERY_MS = 100;
    public static final int VERSION = 1;

    private FlightTracksProjection() {
    }

    /**
     * Points are staged and written in batches (ADR 0020): when {@value JdbcBatches#SIZE} are staged, at the latest
     * every {@value #FLUSH_EVERY_MS} ms, and before Kafka Streams commits offsets — for which the caller registers
     * {@code writer} with the generation ({@code ProjectionGeneration#batching}).
     */
    public static void addTo(StreamsBuilder builder, TrackPointWriter writer) {
        builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS,
                        Consumed.with(Serdes.String(), AvroSerde.of(AircraftObservation.class)).withName("flight-tracking-observations"))
                .filter((icao24, observation) -> observation != null && observation.getLatitude() != null && observation.getLongitude() != null,
                        Named.as("with-position"))
                .process(() -> new ContextualProcessor<String, AircraftObservation, Void, Void>() {
                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        super.init(context);
                        context.schedule(Duration.ofMillis(FLUSH_EVERY_MS), PunctuationType.WALL_CLOCK_TIME, now -> writer.flush());
                    }

                    @Override
                    public void process(Record<String, AircraftObservation> record) {
                        writer.stage(trackPoint(record.value()), SourceRecord.of(context()));
                    }
                }, Named.as("insert-track-point"));
    }

    static TrackPoint trackPoint(AircraftObservation observation) {
        return new TrackPoint(observation.getIcao24(), observation.getObservedAt(), observation.getLatitude(), observation.getLongitude(),
                observation.getBarometricAltitudeM(), observation.getGeometricAltitudeM(), observation.getOnGround(),
                observation.getGroundSpeedMps(), observation.getTrackDeg(), observation.getVerticalRateMps());
    }
}

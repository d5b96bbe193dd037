package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
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
 * The flight-history projection: Flight Tracking's integration events → one row per flight in PostgreSQL, from
 * its detection (or the take-off that began it) to its landing or loss. Every event type is the flight's activity,
 * so every event reaches the writer. Idempotent: the writer ignores an event whose sequence the flight has already
 * applied, so a redelivered event changes nothing.
 */
public final class FlightHistoryProjection {

    public static final String NAME = "flight-history";
    public static final int VERSION = 1;

    private FlightHistoryProjection() {
    }

    /** Events are staged and their flights written in batches, at the latest this often (ADR 0020). */
    static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    /**
     * Events are staged and their flights written in batches (ADR 0020): at the latest every {@link #FLUSH_EVERY}
     * and before Kafka Streams commits offsets — for which the caller registers {@code writer} with the generation
     * ({@code ProjectionGeneration#batching}).
     */
    public static void addTo(StreamsBuilder builder, FlightHistoryWriter writer) {
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-tombstones"))
                .process(() -> new ContextualProcessor<String, FlightTrackingEvent, Void, Void>() {
                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        super.init(context);
                        context.schedule(FLUSH_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> writer.flush());
                    }

                    @Override
                    public void process(Record<String, FlightTrackingEvent> record) {
                        writer.stage(record.value(), SourceRecord.of(context()));
                    }
                }, Named.as("upsert-flight"));
    }
}

package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

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

    public static void addTo(StreamsBuilder builder, FlightHistoryWriter writer) {
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-tombstones"))
                .foreach((icao24, event) -> writer.apply(event), Named.as("upsert-flight"));
    }
}

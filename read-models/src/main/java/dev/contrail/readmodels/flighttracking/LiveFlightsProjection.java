package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The live-flights projection: Flight Tracking's integration events → the current state of each aircraft in
 * PostgreSQL, and each change to the subscribers. Idempotent: the writer ignores an event whose sequence it
 * has already applied, so a redelivered event changes nothing and notifies nobody.
 */
public final class LiveFlightsProjection {

    public static final String NAME = "live-flights";
    public static final int VERSION = 1;

    private LiveFlightsProjection() {
    }

    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes) {
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-tombstones"))
                .foreach((icao24, event) -> writer.apply(event).ifPresent(changes), Named.as("upsert-live-flight"));
    }
}

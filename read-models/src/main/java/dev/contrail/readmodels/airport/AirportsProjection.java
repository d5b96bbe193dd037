package dev.contrail.readmodels.airport;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportChanged;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.AirportRegistered;
import dev.contrail.schemas.kafka.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The airports projection: the Airport context's reference-data events → {@code airport} and {@code airport_runway}.
 * Idempotent: an event whose sequence the airport has already stored changes nothing.
 */
public final class AirportsProjection {

    public static final String NAME = "airports";
    public static final int VERSION = 1;

    private AirportsProjection() {
    }

    public static void addTo(StreamsBuilder builder, AirportWriter writer) {
        builder.stream(Topics.AIRPORT_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(AirportEvent.class)).withName("airport-events"))
                .filter((ident, event) -> event != null, Named.as("skip-tombstones"))
                .foreach((ident, event) -> {
                    if (event.getPayload() instanceof AirportRegistered registered) {
                        writer.apply(event.getAirportIdent(), event.getSequence(), registered.getAirport());
                    } else if (event.getPayload() instanceof AirportChanged changed) {
                        writer.apply(event.getAirportIdent(), event.getSequence(), changed.getAirport());
                    }
                }, Named.as("upsert-airport"));
    }
}

package dev.contrail.readmodels.airport;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The airport-flights projection: each flight enriched with its origin and destination airport
 * ({@code airport_flight}), from the movements on {@value Topics#AIRPORT_EVENTS} and the callsigns on
 * {@value Topics#FLIGHT_TRACKING_EVENTS}. The two topics are keyed differently (airport ident, icao24) and need no
 * join in Kafka: each writes its own columns of the flight's row, keyed by flight id, in PostgreSQL (ADR 0015).
 */
public final class AirportFlightsProjection {

    public static final String NAME = "airport-flights";
    public static final int VERSION = 1;

    private AirportFlightsProjection() {
    }

    public static void addTo(StreamsBuilder builder, AirportFlightWriter writer) {
        builder.stream(Topics.AIRPORT_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(AirportEvent.class)).withName("airport-events"))
                .filter((ident, event) -> event != null, Named.as("skip-airport-tombstones"))
                .foreach((ident, event) -> AirportMovementsProjection.movement(event).ifPresent(writer::movement), Named.as("flight-airports"));
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class))
                        .withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-flight-tombstones"))
                .foreach((icao24, event) -> {
                    String callsign = null;
                    if (event.getPayload() instanceof FlightDetected detected) {
                        callsign = detected.getCallsign();
                    } else if (event.getPayload() instanceof CallsignChanged changed) {
                        callsign = changed.getCallsign();
                    }
                    if (callsign != null && !callsign.isBlank()) {
                        writer.callsign(event.getFlightId(), event.getIcao24(), callsign.trim(), event.getSequence());
                    }
                }, Named.as("flight-callsign"));
    }
}

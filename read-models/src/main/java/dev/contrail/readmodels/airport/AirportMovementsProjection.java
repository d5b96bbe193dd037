package dev.contrail.readmodels.airport;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.ArrivalRecorded;
import dev.contrail.schemas.airport.DepartureRecorded;
import dev.contrail.schemas.airport.MovementData;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The airport-movements projection: departures and arrivals on {@value Topics#AIRPORT_EVENTS} → the boards
 * ({@code airport_movement}) and the movements per airport per hour ({@code airport_movement_hour}). A movement is
 * identified by its flight and kind, so a redelivered one is neither listed nor counted twice; only a new one is
 * handed to {@code changes} (the {@code airportMovements} subscription).
 */
public final class AirportMovementsProjection {

    public static final String NAME = "airport-movements";
    public static final int VERSION = 1;

    private AirportMovementsProjection() {
    }

    public static void addTo(StreamsBuilder builder, MovementWriter writer, Consumer<AirportMovementView> changes) {
        builder.stream(Topics.AIRPORT_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(AirportEvent.class)).withName("airport-events"))
                .filter((ident, event) -> event != null, Named.as("skip-tombstones"))
                .foreach((ident, event) -> movement(event).filter(writer::record).ifPresent(changes), Named.as("record-movement"));
    }

    static Optional<AirportMovementView> movement(AirportEvent event) {
        if (event.getPayload() instanceof DepartureRecorded departure) {
            return Optional.of(view(event, "DEPARTURE", departure.getMovement()));
        }
        if (event.getPayload() instanceof ArrivalRecorded arrival) {
            return Optional.of(view(event, "ARRIVAL", arrival.getMovement()));
        }
        return Optional.empty();
    }

    private static AirportMovementView view(AirportEvent event, String kind, MovementData movement) {
        return new AirportMovementView(movement.getMovementId(), event.getAirportIdent(), kind, movement.getFlightId(), movement.getIcao24(),
                movement.getCallsign(), movement.getRunway(), event.getOccurredAt(), movement.getLatitude(), movement.getLongitude());
    }
}

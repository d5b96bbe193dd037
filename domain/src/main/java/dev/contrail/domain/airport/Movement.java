package dev.contrail.domain.airport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One departure or arrival of one flight, identified by the flight and the kind of movement ({@link #idOf}). It is
 * recorded once: Kafka redelivers, and a take-off heard twice is still one departure. A small aggregate per
 * movement keeps that guarantee without a set of seen flights growing inside a busy airport (ADR 0012).
 */
public class Movement {

    @AggregateIdentifier
    private String movementId;

    /** For Axon. */
    protected Movement() {
    }

    /** e.g. "a445ee-1678803600/departure": a flight departs once and arrives once. */
    public static String idOf(String flightId, MovementKind kind) {
        return flightId + "/" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** @return whether this recorded the movement; false when it was already recorded */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordMovement command) {
        if (movementId != null) {
            return false;
        }
        if (command.kind() == MovementKind.DEPARTURE) {
            apply(new DepartureRecorded(command.movementId(), command.airportIdent(), command.runway(), command.flightId(), command.icao24(),
                    command.callsign(), command.occurredAt(), command.latitude(), command.longitude()));
        } else {
            apply(new ArrivalRecorded(command.movementId(), command.airportIdent(), command.runway(), command.flightId(), command.icao24(),
                    command.callsign(), command.occurredAt(), command.latitude(), command.longitude()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(DepartureRecorded event) {
        movementId = event.movementId();
    }

    @EventSourcingHandler
    void on(ArrivalRecorded event) {
        movementId = event.movementId();
    }
}

package dev.contrail.application.airport;

import dev.contrail.domain.airport.Attribution;
import dev.contrail.domain.airport.Attribution.Attributed;
import dev.contrail.domain.airport.Attribution.NotAttributed;
import dev.contrail.domain.airport.MovementAttribution;
import dev.contrail.domain.airport.RecordMovement;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: a flight took off or landed; if the rules name an airport (ADR 0012), record the departure or arrival
 * there. The movement's id comes from the flight and the kind, so a take-off delivered twice is recorded once.
 */
public final class MovementRecording {

    private final CommandGateway commands;
    private final AirportIndex index;

    public MovementRecording(CommandGateway commands, AirportIndex index) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** What became of one movement. */
    public record Outcome(Attribution attribution, boolean recorded) {
    }

    /** Attributes the movement and records it; returns when the movement has been recorded (or was already). */
    public Outcome record(FlightMovement movement) {
        if (movement.fix() == null) {
            return new Outcome(new NotAttributed(Attribution.Reason.NO_POSITION, "no position"), false);
        }
        var candidates = index.near(movement.fix().latitude(), movement.fix().longitude(), MovementAttribution.SEARCH_RADIUS_M);
        Attribution attribution = MovementAttribution.attribute(movement.kind(), movement.fix(), movement.track(), candidates);
        if (!(attribution instanceof Attributed attributed)) {
            return new Outcome(attribution, false);
        }
        Boolean recorded = commands.sendAndWait(new RecordMovement(movement.kind(), attributed.airportIdent(), attributed.runway(),
                movement.flightId(), movement.icao24(), movement.callsign(), movement.occurredAt(), movement.fix().latitude(),
                movement.fix().longitude()));
        return new Outcome(attribution, Boolean.TRUE.equals(recorded));
    }
}

package dev.contrail.infrastructure.airport.intake;

import dev.contrail.application.airport.FlightMovement;
import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.TookOff;
import java.util.Optional;

/**
 * The Airport context's anti-corruption layer towards Flight Tracking: its published Avro events (never its model)
 * in the Airport context's language. A take-off is a departure, a landing an arrival; everything else about a
 * flight matters here only for its callsign.
 */
final class FlightTrackingTranslator {

    private FlightTrackingTranslator() {
    }

    /** The movement this event describes, if it is a take-off or a landing. */
    static Optional<FlightMovement> movement(FlightTrackingEvent event, String callsign) {
        if (event.getPayload() instanceof TookOff p) {
            return Optional.of(new FlightMovement(MovementKind.DEPARTURE, event.getFlightId(), event.getIcao24(), callsign, event.getOccurredAt(),
                    fix(p.getPosition(), p.getGroundSpeedMps(), p.getTrackDeg())));
        }
        if (event.getPayload() instanceof Landed p) {
            return Optional.of(new FlightMovement(MovementKind.ARRIVAL, event.getFlightId(), event.getIcao24(), callsign, event.getOccurredAt(),
                    fix(p.getPosition(), p.getGroundSpeedMps(), p.getTrackDeg())));
        }
        return Optional.empty();
    }

    /** The callsign the event announces, if any (detection or change); blanks are no callsign. */
    static Optional<String> callsign(FlightTrackingEvent event) {
        String callsign = null;
        if (event.getPayload() instanceof dev.contrail.schemas.flighttracking.FlightDetected p) {
            callsign = p.getCallsign();
        } else if (event.getPayload() instanceof dev.contrail.schemas.flighttracking.CallsignChanged p) {
            callsign = p.getCallsign();
        }
        return callsign == null || callsign.isBlank() ? Optional.empty() : Optional.of(callsign.trim());
    }

    private static AircraftFix fix(Position position, Double groundSpeedMps, Double trackDeg) {
        return position == null ? null : new AircraftFix(position.getLatitude(), position.getLongitude(), position.getBarometricAltitudeM(),
                position.getGeometricAltitudeM(), groundSpeedMps, trackDeg);
    }
}

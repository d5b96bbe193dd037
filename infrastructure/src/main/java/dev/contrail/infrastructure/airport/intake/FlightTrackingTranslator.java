package dev.contrail.infrastructure.airport.intake;

import dev.contrail.application.airport.FlightMovement;
import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.TookOff;
import dev.contrail.schemas.flighttracking.TrackPoint;
import java.util.List;
import java.util.Objects;
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
                    fix(p.getPosition(), p.getGroundSpeedMps(), p.getTrackDeg()), track(p.getTrack())));
        }
        if (event.getPayload() instanceof Landed p) {
            return Optional.of(new FlightMovement(MovementKind.ARRIVAL, event.getFlightId(), event.getIcao24(), callsign, event.getOccurredAt(),
                    fix(p.getPosition(), p.getGroundSpeedMps(), p.getTrackDeg()), track(p.getTrack())));
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

    /** The approach, or the take-off roll and climb, that Flight Tracking published with the movement (empty before v3). */
    private static List<AircraftFix> track(List<TrackPoint> track) {
        return track == null ? List.of() : track.stream()
                .map(point -> fix(point.getPosition(), point.getGroundSpeedMps(), point.getTrackDeg()))
                .filter(Objects::nonNull)
                .toList();
    }

    private static AircraftFix fix(Position position, Double groundSpeedMps, Double trackDeg) {
        return position == null ? null : new AircraftFix(position.getLatitude(), position.getLongitude(), position.getBarometricAltitudeM(),
                position.getGeometricAltitudeM(), groundSpeedMps, trackDeg);
    }
}

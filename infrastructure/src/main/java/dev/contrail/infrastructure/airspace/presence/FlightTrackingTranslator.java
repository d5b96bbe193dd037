package dev.contrail.infrastructure.airspace.presence;

import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.TookOff;
import java.time.Instant;
import java.util.Optional;

/**
 * The Airspace context's edge towards Flight Tracking (anti-corruption layer): of Flight Tracking's published events,
 * only where an aircraft was and when its flight was lost matter here, in the Airspace context's own terms
 * (ADR 0014). Every published event that carries a position counts: detection, sampled position reports (at most
 * one per 30 s), take-off, landing, emergency declaration.
 */
public final class FlightTrackingTranslator {

    private FlightTrackingTranslator() {
    }

    /**
     * An aircraft seen at a position, or its flight lost ({@code position} then is its last known one, maybe null).
     */
    public record Sighting(String icao24, String flightId, Instant at, AircraftPosition position, boolean flightLost) {
    }

    public static Optional<Sighting> translate(FlightTrackingEvent event) {
        Object payload = event.getPayload();
        Position position;
        if (payload instanceof FlightDetected p) {
            position = p.getPosition();
        } else if (payload instanceof PositionReported p) {
            position = p.getPosition();
        } else if (payload instanceof TookOff p) {
            position = p.getPosition();
        } else if (payload instanceof Landed p) {
            position = p.getPosition();
        } else if (payload instanceof EmergencyDeclared p) {
            position = p.getPosition();
        } else if (payload instanceof FlightLost p) {
            return Optional.of(new Sighting(event.getIcao24(), event.getFlightId(), event.getOccurredAt(), toAirspace(p.getLastPosition()), true));
        } else {
            return Optional.empty();
        }
        if (position == null) {
            return Optional.empty();
        }
        return Optional.of(new Sighting(event.getIcao24(), event.getFlightId(), event.getOccurredAt(), toAirspace(position), false));
    }

    /** The altitude tested against floors and ceilings: barometric (what flight levels are), else geometric. */
    static AircraftPosition toAirspace(Position position) {
        if (position == null) {
            return null;
        }
        Double altitude = position.getBarometricAltitudeM() != null ? position.getBarometricAltitudeM() : position.getGeometricAltitudeM();
        return new AircraftPosition(position.getLatitude(), position.getLongitude(), altitude);
    }
}

package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link LiveFlightWriter} in a map, with the same sequence guard as {@link JdbcLiveFlightWriter}'s SQL: an event
 * is applied only if its sequence is greater than the last one applied to that aircraft. Records every event it was
 * given, applied or not.
 */
final class InMemoryLiveFlightWriter implements LiveFlightWriter {

    private final Map<String, LiveFlight> flights = new HashMap<>();
    private final Map<String, Long> lastSequence = new HashMap<>();
    final List<FlightTrackingEvent> received = new ArrayList<>();

    @Override
    public Optional<LiveFlight> apply(FlightTrackingEvent event) {
        received.add(event);
        Long last = lastSequence.get(event.getIcao24());
        if (last != null && event.getSequence() <= last) {
            return Optional.empty();
        }
        LiveFlight current = flights.get(event.getIcao24());
        LiveFlight next;
        if (event.getPayload() instanceof FlightDetected detected) {
            Position p = detected.getPosition();
            next = new LiveFlight(event.getIcao24(), event.getFlightId(), detected.getCallsign(), detected.getOriginCountry(),
                    p == null ? null : p.getLatitude(), p == null ? null : p.getLongitude(),
                    p == null ? null : p.getBarometricAltitudeM(), p == null ? null : p.getGeometricAltitudeM(),
                    detected.getOnGround(), detected.getGroundSpeedMps(), detected.getTrackDeg(), detected.getVerticalRateMps(),
                    detected.getSquawk(), event.getOccurredAt(), event.getOccurredAt());
        } else if (event.getPayload() instanceof PositionReported reported) {
            Position p = reported.getPosition();
            next = new LiveFlight(event.getIcao24(), event.getFlightId(),
                    current == null ? null : current.callsign(), current == null ? null : current.originCountry(),
                    p.getLatitude(), p.getLongitude(), p.getBarometricAltitudeM(), p.getGeometricAltitudeM(),
                    reported.getOnGround(), reported.getGroundSpeedMps(), reported.getTrackDeg(), reported.getVerticalRateMps(),
                    current == null ? null : current.squawk(), current == null ? event.getOccurredAt() : current.firstSeen(),
                    event.getOccurredAt());
        } else {
            return Optional.empty();
        }
        flights.put(event.getIcao24(), next);
        lastSequence.put(event.getIcao24(), event.getSequence());
        return Optional.of(next);
    }
}

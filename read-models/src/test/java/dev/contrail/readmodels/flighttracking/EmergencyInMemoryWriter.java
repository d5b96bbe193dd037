package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import dev.contrail.schemas.flighttracking.EmergencyCleared;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link EmergencyWriter} in a map, with the same guards as {@link EmergencyJdbcWriter}'s SQL: a declaration is
 * keyed by its aircraft and sequence, a clearance ends only the aircraft's latest declaration before it while it is
 * active, a lost flight ends the active ones declared before it. Records every event it was given.
 */
final class EmergencyInMemoryWriter implements EmergencyWriter {

    /** By id ({@code icao24-sequence}), which sorts an aircraft's emergencies together. */
    final Map<String, Emergency> emergencies = new TreeMap<>();
    final List<FlightTrackingEvent> received = new ArrayList<>();

    @Override
    public List<Emergency> apply(FlightTrackingEvent event) {
        received.add(event);
        List<Emergency> changed = new ArrayList<>();
        if (event.getPayload() instanceof EmergencyDeclared declared) {
            var emergency = new Emergency(event.getIcao24(), event.getSequence(), event.getFlightId(),
                    Emergency.Kind.valueOf(declared.getKind().name()), declared.getSquawk(), event.getOccurredAt(),
                    Place.of(declared.getPosition()), null, null);
            if (emergencies.putIfAbsent(emergency.id(), emergency) == null) {
                changed.add(emergency);
            }
        } else if (event.getPayload() instanceof EmergencyCleared cleared) {
            emergencies.values().stream()
                    .filter(e -> e.icao24().equals(event.getIcao24()) && e.declaredSequence() < event.getSequence())
                    .reduce((earlier, later) -> later.declaredSequence() > earlier.declaredSequence() ? later : earlier)
                    .filter(latest -> latest.active() && latest.kind().name().equals(cleared.getKind().name()))
                    .ifPresent(latest -> changed.add(end(latest, event, Emergency.End.CLEARED)));
        } else if (event.getPayload() instanceof FlightLost) {
            emergencies.values().stream()
                    .filter(e -> e.icao24().equals(event.getIcao24()) && e.active() && e.declaredSequence() < event.getSequence())
                    .toList()
                    .forEach(active -> changed.add(end(active, event, Emergency.End.FLIGHT_LOST)));
        }
        return changed;
    }

    private Emergency end(Emergency emergency, FlightTrackingEvent event, Emergency.End why) {
        var ended = new Emergency(emergency.icao24(), emergency.declaredSequence(), emergency.flightId(), emergency.kind(),
                emergency.squawk(), emergency.declaredAt(), emergency.position(), event.getOccurredAt(), why);
        emergencies.put(ended.id(), ended);
        return ended;
    }
}

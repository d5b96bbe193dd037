package dev.contrail.readmodels.airspace;

import java.time.Instant;
import java.util.List;

/** Who is inside an airspace now, and whether it is over its capacity. */
public record AirspaceOccupancy(String airspaceId, String source, int count, boolean overCapacity, Integer capacity, Instant capacityAlertAt,
                                List<Occupant> occupants) {

    public record Occupant(String icao24, String flightId, Instant enteredAt, Double latitude, Double longitude, Double altitudeM) {
    }
}

package dev.contrail.readmodels.airspace;

import java.time.Instant;

/**
 * Something that happened in an airspace, as its subscribers see it: an entry, an exit or a capacity alert.
 *
 * @param source    the volume's source: with its id, it names the volume (ADR 0021)
 * @param icao24    the aircraft, for entries and exits
 * @param reason    why it left, for exits ({@code LEFT}, {@code FLIGHT_LOST}, {@code AIRSPACE_RETIRED})
 * @param capacity  for capacity alerts
 */
public record AirspaceActivity(String airspaceId, String source, long sequence, Kind kind, Instant at, String icao24, String flightId, String reason,
                               Double latitude, Double longitude, Double altitudeM, int occupants, Integer capacity) {

    public enum Kind { ENTRY, EXIT, CAPACITY_EXCEEDED, CAPACITY_RESTORED }
}

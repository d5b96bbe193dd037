package dev.contrail.api.flighttracking;

import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.Phase;
import java.time.Instant;

/**
 * The GraphQL {@code Flight}, shaped as the schema has it (a nested position, ISO-8601 times), so that every one of
 * its fields is a plain property: graphql-java reads them directly, with no controller method invoked (and no
 * observation recorded) per field of every aircraft.
 */
public record FlightView(
        String icao24,
        String flightId,
        String callsign,
        String originCountry,
        PositionView position,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps,
        String squawk,
        Phase phase,
        String emergency,
        String firstSeen,
        String lastSeen,
        String tookOffAt,
        String landedAt) {

    /** The GraphQL {@code Position} of a flight. */
    public record PositionView(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {
    }

    static FlightView of(LiveFlight flight) {
        PositionView position = flight.latitude() == null || flight.longitude() == null
                ? null
                : new PositionView(flight.latitude(), flight.longitude(), flight.barometricAltitudeM(), flight.geometricAltitudeM());
        return new FlightView(flight.icao24(), flight.flightId(), flight.callsign(), flight.originCountry(), position, flight.onGround(),
                flight.groundSpeedMps(), flight.trackDeg(), flight.verticalRateMps(), flight.squawk(), flight.phase(), flight.emergency(),
                iso(flight.firstSeen()), iso(flight.lastSeen()), iso(flight.tookOffAt()), iso(flight.landedAt()));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

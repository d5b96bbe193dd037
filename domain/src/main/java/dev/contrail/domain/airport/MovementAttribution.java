package dev.contrail.domain.airport;

import dev.contrail.domain.airport.Attribution.Attributed;
import dev.contrail.domain.airport.Attribution.NotAttributed;
import dev.contrail.domain.airport.Attribution.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which airport, and which runway, a take-off or landing happened at (ADR 0012). Pure: given where the aircraft
 * was and the airports near it, the answer is always the same.
 *
 * <ol>
 *   <li>Only airports that serve flights count (not closed, not balloonports).</li>
 *   <li>An airport's distance is the shorter of the distances to its reference point and to any of its runways'
 *       centrelines; it must be within {@link #MAX_DISTANCE_M}.</li>
 *   <li>When the aircraft is on or over exactly one airport's runway (within {@link #RUNWAY_HALF_CORRIDOR_M} of its
 *       centreline, between its ends extended by {@link #RUNWAY_EXTENSION_M}), that airport it is. Otherwise the
 *       nearest airport, unless a second one is less than {@link #AMBIGUITY_MARGIN_M} further: ambiguous.</li>
 *   <li>With a known altitude and elevation, the aircraft must be at most {@link #MAX_HEIGHT_ABOVE_ELEVATION_M}
 *       above the field (barometric altitude drifts with the weather, hence the generous limit).</li>
 *   <li>The runway: among the airport's runways whose corridor holds the aircraft, the end whose heading is within
 *       {@link #MAX_HEADING_DIFFERENCE_DEG} of the aircraft's track — only when it moves at least
 *       {@link #MIN_SPEED_FOR_TRACK_MPS}, since a slow aircraft's track says nothing about the runway. None or more
 *       than one: no runway, with a note saying why.</li>
 * </ol>
 */
public final class MovementAttribution {

    public static final double MAX_DISTANCE_M = 5_000;
    public static final double MAX_HEIGHT_ABOVE_ELEVATION_M = 600;
    public static final double AMBIGUITY_MARGIN_M = 1_000;
    public static final double RUNWAY_HALF_CORRIDOR_M = 150;
    public static final double RUNWAY_EXTENSION_M = 1_500;
    public static final double MAX_HEADING_DIFFERENCE_DEG = 30;
    public static final double MIN_SPEED_FOR_TRACK_MPS = 15;
    /** How far around a fix a caller must look for candidates: nothing further can be attributed. */
    public static final double SEARCH_RADIUS_M = MAX_DISTANCE_M;

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private MovementAttribution() {
    }

    public static Attribution attribute(AircraftFix fix, Collection<AirportDetails> candidates) {
        List<Candidate> near = new ArrayList<>();
        for (AirportDetails airport : candidates) {
            if (!airport.type().servesFlights()) {
                continue;
            }
            Candidate candidate = Candidate.of(fix, airport);
            if (candidate.distanceM <= MAX_DISTANCE_M) {
                near.add(candidate);
            }
        }
        if (near.isEmpty()) {
            return new NotAttributed(Reason.NO_AIRPORT_NEARBY, "no airport serving flights within %.0f m".formatted(MAX_DISTANCE_M));
        }
        near.sort(Comparator.comparingDouble((Candidate c) -> c.distanceM).thenComparing(c -> c.airport.ident()));
        List<Candidate> onRunway = near.stream().filter(c -> !c.runwaysUnder.isEmpty()).toList();
        Candidate chosen;
        if (onRunway.size() == 1) {
            chosen = onRunway.get(0);
        } else {
            List<Candidate> contenders = onRunway.isEmpty() ? near : onRunway;
            chosen = contenders.get(0);
            if (contenders.size() > 1 && contenders.get(1).distanceM - chosen.distanceM < AMBIGUITY_MARGIN_M) {
                return new NotAttributed(Reason.AMBIGUOUS, "%s at %.0f m and %s at %.0f m".formatted(chosen.airport.ident(), chosen.distanceM,
                        contenders.get(1).airport.ident(), contenders.get(1).distanceM));
            }
        }
        Double altitude = fix.altitudeM();
        Double elevation = chosen.airport.elevationM();
        if (altitude != null && elevation != null && altitude - elevation > MAX_HEIGHT_ABOVE_ELEVATION_M) {
            return new NotAttributed(Reason.TOO_HIGH, "%.0f m above %s".formatted(altitude - elevation, chosen.airport.ident()));
        }
        return runway(fix, chosen);
    }

    private static Attributed runway(AircraftFix fix, Candidate chosen) {
        String ident = chosen.airport.ident();
        if (chosen.runwaysUnder.isEmpty()) {
            return new Attributed(ident, null, chosen.distanceM, "not on or over any runway");
        }
        if (fix.trackDeg() == null || fix.groundSpeedMps() == null || fix.groundSpeedMps() < MIN_SPEED_FOR_TRACK_MPS) {
            return new Attributed(ident, null, chosen.distanceM, "too slow for its track to tell the runway");
        }
        List<RunwayEnd> ends = new ArrayList<>();
        for (Runway runway : chosen.runwaysUnder) {
            for (RunwayEnd end : new RunwayEnd[] {runway.lowEnd(), runway.highEnd()}) {
                if (end != null && end.headingDeg() != null
                        && angleBetween(end.headingDeg(), fix.trackDeg()) <= MAX_HEADING_DIFFERENCE_DEG) {
                    ends.add(end);
                }
            }
        }
        if (ends.size() == 1) {
            return new Attributed(ident, ends.get(0).designator(), chosen.distanceM, "track %.0f° along runway %s".formatted(
                    fix.trackDeg(), ends.get(0).designator()));
        }
        return new Attributed(ident, null, chosen.distanceM, ends.isEmpty()
                ? "track %.0f° matches no runway heading".formatted(fix.trackDeg())
                : "track %.0f° matches runways %s".formatted(fix.trackDeg(), ends.stream().map(RunwayEnd::designator).toList()));
    }

    static double angleBetween(double a, double b) {
        double difference = Math.abs(a - b) % 360;
        return difference > 180 ? 360 - difference : difference;
    }

    /** An airport near the fix, with the fix in a local east/north plane in metres centred on the fix. */
    private record Candidate(AirportDetails airport, double distanceM, List<Runway> runwaysUnder) {

        static Candidate of(AircraftFix fix, AirportDetails airport) {
            LocalPlane plane = new LocalPlane(fix.latitude(), fix.longitude());
            double distance = plane.distanceTo(airport.latitude(), airport.longitude());
            List<Runway> under = new ArrayList<>();
            for (Runway runway : airport.runways()) {
                if (runway.closed() || runway.highEnd() == null || !runway.lowEnd().located() || !runway.highEnd().located()) {
                    continue;
                }
                double[] a = plane.project(runway.lowEnd().latitude(), runway.lowEnd().longitude());
                double[] b = plane.project(runway.highEnd().latitude(), runway.highEnd().longitude());
                double[] relative = relativeToSegment(a, b);
                distance = Math.min(distance, relative[2]);
                if (relative[1] <= RUNWAY_HALF_CORRIDOR_M && relative[0] >= -RUNWAY_EXTENSION_M
                        && relative[0] <= relative[3] + RUNWAY_EXTENSION_M) {
                    under.add(runway);
                }
            }
            return new Candidate(airport, distance, under);
        }

        /**
         * The origin (the fix) against the segment a→b: {along-track from a, cross-track distance, distance to the
         * segment, segment length}.
         */
        private static double[] relativeToSegment(double[] a, double[] b) {
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double length = Math.hypot(dx, dy);
            if (length == 0) {
                double d = Math.hypot(a[0], a[1]);
                return new double[] {0, d, d, 0};
            }
            double ux = dx / length;
            double uy = dy / length;
            double along = -a[0] * ux - a[1] * uy;
            double cross = Math.abs(-a[0] * uy + a[1] * ux);
            double clamped = Math.max(0, Math.min(length, along));
            double distance = Math.hypot(a[0] + ux * clamped, a[1] + uy * clamped);
            return new double[] {along, cross, distance, length};
        }
    }

    /** An equirectangular plane around a point: metres east and north, accurate to well under 1 % within 10 km. */
    private record LocalPlane(double latitude, double longitude) {

        double[] project(double lat, double lon) {
            double dLon = lon - longitude;
            if (dLon > 180) {
                dLon -= 360;
            } else if (dLon < -180) {
                dLon += 360;
            }
            double east = Math.toRadians(dLon) * Math.cos(Math.toRadians((lat + latitude) / 2)) * EARTH_RADIUS_M;
            double north = Math.toRadians(lat - latitude) * EARTH_RADIUS_M;
            return new double[] {east, north};
        }

        double distanceTo(double lat, double lon) {
            double[] p = project(lat, lon);
            return Math.hypot(p[0], p[1]);
        }
    }

}

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
 *   <li>With a known altitude and elevation, a departure (seen after lift-off) must be at most
 *       {@link #MAX_HEIGHT_ABOVE_ELEVATION_M} above the field (barometric altitude drifts with the weather, hence the
 *       generous limit). An arrival's fix is its first report on the ground (ADR 0022): with a GNSS altitude it must be
 *       at most {@link #MAX_ARRIVAL_GEOMETRIC_HEIGHT_M} above the field, else with a barometric one at most
 *       {@link #MAX_ARRIVAL_BAROMETRIC_HEIGHT_M} — a "ground" report from higher up is a flicker, not a landing.</li>
 *   <li>The runway, first from the track around the movement: the final approach of an arrival, the take-off roll
 *       and initial climb of a departure, aligned with a runway end's extended centreline ({@link RunwayAlignment},
 *       ADR 0023).</li>
 *   <li>Else from the fix: among the airport's runways whose corridor holds the aircraft, the end whose heading is
 *       within {@link #MAX_HEADING_DIFFERENCE_DEG} of the aircraft's track — only when it moves at least
 *       {@link #MIN_SPEED_FOR_TRACK_MPS}, since a slow aircraft's track says nothing about the runway. None or more
 *       than one: no runway, with a note saying why.</li>
 * </ol>
 */
public final class MovementAttribution {

    public static final double MAX_DISTANCE_M = 5_000;
    public static final double MAX_HEIGHT_ABOVE_ELEVATION_M = 600;
    /** GNSS height is off mean sea level by the geoid (within ±110 m worldwide) and its own error. */
    public static final double MAX_ARRIVAL_GEOMETRIC_HEIGHT_M = 150;
    /** Pressure altitude is off the field elevation by ~8.5 m per hPa from standard: 300 m is a deep low (~980 hPa). */
    public static final double MAX_ARRIVAL_BAROMETRIC_HEIGHT_M = 300;
    public static final double AMBIGUITY_MARGIN_M = 1_000;
    public static final double RUNWAY_HALF_CORRIDOR_M = 150;
    public static final double RUNWAY_EXTENSION_M = 1_500;
    public static final double MAX_HEADING_DIFFERENCE_DEG = 30;
    public static final double MIN_SPEED_FOR_TRACK_MPS = 15;
    /** How far around a fix a caller must look for candidates: nothing further can be attributed. */
    public static final double SEARCH_RADIUS_M = MAX_DISTANCE_M;

    private MovementAttribution() {
    }

    /** A movement known only by its fix, judged as a departure (the generous height limit) without a track. */
    public static Attribution attribute(AircraftFix fix, Collection<AirportDetails> candidates) {
        return attribute(MovementKind.DEPARTURE, fix, List.of(), candidates);
    }

    /**
     * @param fix   where the aircraft was at the movement: the first report in the air, or on the ground
     * @param track the aircraft's positions around it, oldest first: an arrival's final approach, a departure's
     *              take-off roll and initial climb (may be empty)
     */
    public static Attribution attribute(MovementKind kind, AircraftFix fix, List<AircraftFix> track, Collection<AirportDetails> candidates) {
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
        Double elevation = chosen.airport.elevationM();
        if (elevation != null) {
            String tooHigh = kind == MovementKind.ARRIVAL ? tooHighToBeOnTheGround(fix, elevation) : tooHighAfterLiftOff(fix, elevation);
            if (tooHigh != null) {
                return new NotAttributed(Reason.TOO_HIGH, tooHigh + " above " + chosen.airport.ident());
            }
        }
        List<AircraftFix> around = new ArrayList<>(track);
        around.add(fix);
        var aligned = RunwayAlignment.runwayEnd(kind, around, chosen.airport.runways());
        if (aligned.isPresent()) {
            return new Attributed(chosen.airport.ident(), aligned.get().end().designator(), chosen.distanceM, "%s aligned with runway %s (%d of %d positions)"
                    .formatted(kind == MovementKind.ARRIVAL ? "final approach" : "take-off roll and climb", aligned.get().end().designator(),
                            aligned.get().points(), aligned.get().of()));
        }
        return runway(fix, chosen);
    }

    private static String tooHighAfterLiftOff(AircraftFix fix, double elevation) {
        Double altitude = fix.altitudeM();
        return altitude != null && altitude - elevation > MAX_HEIGHT_ABOVE_ELEVATION_M ? "%.0f m".formatted(altitude - elevation) : null;
    }

    private static String tooHighToBeOnTheGround(AircraftFix fix, double elevation) {
        if (fix.geometricAltitudeM() != null) {
            double height = fix.geometricAltitudeM() - elevation;
            return height > MAX_ARRIVAL_GEOMETRIC_HEIGHT_M ? "%.0f m (GNSS) on the ground".formatted(height) : null;
        }
        if (fix.barometricAltitudeM() != null) {
            double height = fix.barometricAltitudeM() - elevation;
            return height > MAX_ARRIVAL_BAROMETRIC_HEIGHT_M ? "%.0f m (barometric) on the ground".formatted(height) : null;
        }
        return null;
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
}

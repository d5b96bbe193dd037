package dev.contrail.domain.airport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The runway end a flight used, told from its track around the movement (ADR 0023), the way trajectory-analysis tools
 * do it (the {@code traffic} library's alignment on a runway's extended centreline): an arrival flies the final
 * approach along the extended centreline towards the threshold of the end it lands on; a departure rolls and climbs
 * along the centreline away from the threshold of the end it takes off from. Pure.
 *
 * <p>A point of the track is aligned with a runway end when
 * <ul>
 *   <li>it moves at {@link MovementAttribution#MIN_SPEED_FOR_TRACK_MPS} or more on a track within
 *       {@link #MAX_TRACK_DIFFERENCE_DEG} of the end's direction (taken from its thresholds' positions);</li>
 *   <li>it lies within {@link #CORRIDOR_HALF_WIDTH_M} of the (extended) centreline, widening by
 *       {@link #CORRIDOR_SPREAD_DEG} each side beyond the runway, like a localizer's beam;</li>
 *   <li>for an arrival, from {@link #MAX_ALONG_TRACK_M} before the threshold to the far end of the runway; for a
 *       departure, from the threshold to {@link #MAX_ALONG_TRACK_M} beyond the far end.</li>
 * </ul>
 * The end with the most aligned points, at least {@link #MIN_ALIGNED_POINTS}, is the runway; equal counts are decided
 * by the smaller mean distance to the centreline. None: no runway from the track (the caller falls back on the fix).
 */
public final class RunwayAlignment {

    public static final double MAX_TRACK_DIFFERENCE_DEG = 15;
    public static final double CORRIDOR_HALF_WIDTH_M = 150;
    public static final double CORRIDOR_SPREAD_DEG = 3;
    public static final double MAX_ALONG_TRACK_M = 15_000;
    public static final int MIN_ALIGNED_POINTS = 2;

    private static final double SPREAD = Math.tan(Math.toRadians(CORRIDOR_SPREAD_DEG));

    private RunwayAlignment() {
    }

    /** The runway end the track is aligned with, and how many of its points are, if any. */
    public record Aligned(RunwayEnd end, int points, int of) {
    }

    public static Optional<Aligned> runwayEnd(MovementKind kind, List<AircraftFix> track, Collection<Runway> runways) {
        Aligned best = null;
        double bestMeanCross = Double.MAX_VALUE;
        for (Runway runway : runways) {
            if (runway.closed() || runway.highEnd() == null || !runway.lowEnd().located() || !runway.highEnd().located()) {
                continue;
            }
            for (RunwayEnd[] ends : new RunwayEnd[][] {{runway.lowEnd(), runway.highEnd()}, {runway.highEnd(), runway.lowEnd()}}) {
                int aligned = 0;
                double cross = 0;
                for (AircraftFix point : track) {
                    double c = crossTrackIfAligned(kind, point, ends[0], ends[1]);
                    if (c >= 0) {
                        aligned++;
                        cross += c;
                    }
                }
                if (aligned < MIN_ALIGNED_POINTS) {
                    continue;
                }
                double meanCross = cross / aligned;
                if (best == null || aligned > best.points() || (aligned == best.points() && meanCross < bestMeanCross)) {
                    best = new Aligned(ends[0], aligned, track.size());
                    bestMeanCross = meanCross;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The point's distance to the centreline of the runway used from {@code threshold} towards {@code farEnd}, when it is
     * aligned with that end for this kind of movement; else -1.
     */
    private static double crossTrackIfAligned(MovementKind kind, AircraftFix point, RunwayEnd threshold, RunwayEnd farEnd) {
        if (point.groundSpeedMps() == null || point.trackDeg() == null || point.groundSpeedMps() < MovementAttribution.MIN_SPEED_FOR_TRACK_MPS) {
            return -1;
        }
        LocalPlane plane = new LocalPlane(threshold.latitude(), threshold.longitude());
        double[] far = plane.project(farEnd.latitude(), farEnd.longitude());
        double length = Math.hypot(far[0], far[1]);
        if (length == 0) {
            return -1;
        }
        double ux = far[0] / length;
        double uy = far[1] / length;
        double direction = (Math.toDegrees(Math.atan2(ux, uy)) + 360) % 360;
        if (MovementAttribution.angleBetween(direction, point.trackDeg()) > MAX_TRACK_DIFFERENCE_DEG) {
            return -1;
        }
        double[] p = plane.project(point.latitude(), point.longitude());
        double along = p[0] * ux + p[1] * uy;
        double cross = Math.abs(p[0] * uy - p[1] * ux);
        double beyondRunway;
        if (kind == MovementKind.ARRIVAL) {
            if (along < -MAX_ALONG_TRACK_M || along > length) {
                return -1;
            }
            beyondRunway = Math.max(0, -along);
        } else {
            if (along < -CORRIDOR_HALF_WIDTH_M || along > length + MAX_ALONG_TRACK_M) {
                return -1;
            }
            beyondRunway = Math.max(0, along - length);
        }
        return cross <= CORRIDOR_HALF_WIDTH_M + SPREAD * beyondRunway ? cross : -1;
    }
}

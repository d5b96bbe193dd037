package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.TrackPoint;
import dev.contrail.domain.flighttracking.TrackingPolicy;
import dev.contrail.infrastructure.flighttracking.intake.state.RecentPoint;
import dev.contrail.infrastructure.flighttracking.intake.state.RecentTrack;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake's memory of each aircraft's last positions (ADR 0023), as pure functions: the aircraft records positions
 * only sampled (ADR 0007), so the intake remembers the last {@link TrackingPolicy#RECENT_TRACK_POINTS} of them and tells
 * them with every command; the aircraft keeps them only in a take-off or a landing.
 */
final class RecentTracks {

    private RecentTracks() {
    }

    /** The track with the observation's position added, or the same track when it brings no new position. */
    static RecentTrack append(RecentTrack track, AircraftObservation observation) {
        if (observation.getLatitude() == null || observation.getLongitude() == null) {
            return track;
        }
        long at = (observation.getPositionAt() != null ? observation.getPositionAt() : observation.getObservedAt()).toEpochMilli();
        List<RecentPoint> points = new ArrayList<>(track == null ? List.of() : track.getPoints());
        if (!points.isEmpty() && points.get(points.size() - 1).getPositionAt() >= at) {
            return track;
        }
        points.add(RecentPoint.newBuilder()
                .setPositionAt(at)
                .setLatitude(observation.getLatitude())
                .setLongitude(observation.getLongitude())
                .setBarometricAltitudeM(observation.getBarometricAltitudeM())
                .setGeometricAltitudeM(observation.getGeometricAltitudeM())
                // On the ground as Flight Tracking judges it (ADR 0022), not the raw claim: changedGround compares it.
                .setOnGround(reportsGround(observation))
                .setGroundSpeedMps(observation.getGroundSpeedMps())
                .setTrackDeg(observation.getTrackDeg())
                .build());
        long oldest = at - TrackingPolicy.RECENT_TRACK_SPAN.toMillis();
        points.removeIf(point -> point.getPositionAt() < oldest);
        if (points.size() > TrackingPolicy.RECENT_TRACK_POINTS) {
            points = new ArrayList<>(points.subList(points.size() - TrackingPolicy.RECENT_TRACK_POINTS, points.size()));
        }
        return RecentTrack.newBuilder().setPoints(points).build();
    }

    /**
     * Whether {@code recorded} changed the ground state: the report heard just before it, which the track remembers
     * (changelogged, so this survives a restart), said otherwise. False when the track does not hold both. Every report
     * between two recorded ones has the ground state of the first, or it would have been recorded itself. Both are
     * judged as the aircraft and the filter judge them ({@link TrackingPolicy#reportsGround}): a report that claims the
     * ground while climbing or sinking fast is in the air.
     */
    static boolean changedGround(RecentTrack track, AircraftObservation recorded) {
        if (track == null || recorded.getLatitude() == null || recorded.getLongitude() == null) {
            return false;
        }
        long at = (recorded.getPositionAt() != null ? recorded.getPositionAt() : recorded.getObservedAt()).toEpochMilli();
        List<RecentPoint> points = track.getPoints();
        for (int i = points.size() - 1; i > 0; i--) {
            long pointAt = points.get(i).getPositionAt();
            if (pointAt == at) {
                return points.get(i - 1).getOnGround() != reportsGround(recorded);
            }
            if (pointAt < at) {
                return false;
            }
        }
        return false;
    }

    private static boolean reportsGround(AircraftObservation observation) {
        return TrackingPolicy.reportsGround(observation.getOnGround(), observation.getVerticalRateMps());
    }

    /** The points of the track reported before {@code at} and not older than the span, oldest first, in the domain's terms. */
    static List<TrackPoint> before(RecentTrack track, Instant at) {
        if (track == null) {
            return List.of();
        }
        long until = at.toEpochMilli();
        long oldest = until - TrackingPolicy.RECENT_TRACK_SPAN.toMillis();
        List<TrackPoint> points = new ArrayList<>();
        for (RecentPoint point : track.getPoints()) {
            if (point.getPositionAt() < until && point.getPositionAt() >= oldest) {
                points.add(new TrackPoint(Instant.ofEpochMilli(point.getPositionAt()),
                        new Position(point.getLatitude(), point.getLongitude(), point.getBarometricAltitudeM(), point.getGeometricAltitudeM()),
                        point.getOnGround(), point.getGroundSpeedMps(), point.getTrackDeg()));
            }
        }
        return points;
    }
}

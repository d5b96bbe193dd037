package dev.contrail.domain.flighttracking;

import java.time.Duration;
import java.time.Instant;

/**
 * How much of the observation stream Flight Tracking keeps as domain events (ADR 0007). Surveillance reports
 * every aircraft every few seconds; the domain records what changes its flight — detection, callsign, squawk and
 * emergencies, take-off, landing, loss — and its position at most once per {@link #POSITION_REPORT_INTERVAL}.
 * Every other position stays in the observation stream, which the track and live read models use directly.
 */
public final class TrackingPolicy {

    /** The domain's own track is sampled: at 250 m/s, 30 s is 7.5 km between reported positions. */
    public static final Duration POSITION_REPORT_INTERVAL = Duration.ofSeconds(30);

    /**
     * A report that claims the ground while climbing or sinking faster than this is flying (ADR 0022): touchdowns sink at
     * 1–3 m/s (a landing gear is certified for 3 m/s, 10 ft/s), and a report on the ground carries no vertical rate at all.
     */
    public static final double MAX_VERTICAL_RATE_ON_GROUND_MPS = 5.0;

    /**
     * No aeroplane flies slower than this (~30 kt, below the stall speed of light aircraft with flaps down): a report on
     * the ground slower than this is rolling out or taxiing, which confirms a touchdown by itself (ADR 0022).
     */
    public static final double SLOWER_THAN_ANY_FLIGHT_MPS = 15.0;

    /**
     * How many of its last positions an aircraft is told with each observation (ADR 0023): at OpenSky's 2–10 s per report,
     * one to three minutes, i.e. 5–10 km of final approach or of take-off roll and initial climb.
     */
    public static final int RECENT_TRACK_POINTS = 24;

    /** No point of the recent track is older than this before the observation it comes with. */
    public static final Duration RECENT_TRACK_SPAN = Duration.ofSeconds(180);

    private TrackingPolicy() {
    }

    /**
     * Whether {@code next} can change anything an aircraft records, given the last observation it was told
     * ({@code null} if none). Lets an adapter send the aircraft only the observations that matter, which is what
     * keeps the command path affordable at the rate of a global feed.
     */
    public static boolean isWorthRecording(Observation lastRecorded, Observation next) {
        return isWorthRecording(lastRecorded, false, next);
    }

    /**
     * As {@link #isWorthRecording(Observation, Observation)}, when the adapter also knows whether the last observation it
     * recorded changed the ground state ({@code lastRecordedChangedGround}). Such a change is only reported, and the next
     * report decides it (ADR 0022): that report is always worth recording, or a touchdown followed by a taxi in the same
     * 30 s would wait for the next sampled position — or, at the end of a capture, for the flight to be declared lost.
     */
    public static boolean isWorthRecording(Observation lastRecorded, boolean lastRecordedChangedGround, Observation next) {
        if (lastRecorded == null) {
            return true;
        }
        if (!next.observedAt().isAfter(lastRecorded.observedAt())) {
            return false;
        }
        return reportsGround(next) != reportsGround(lastRecorded)
                || lastRecordedChangedGround
                || (next.callsign() != null && !next.callsign().equals(lastRecorded.callsign()))
                || (next.squawk() != null && !next.squawk().equals(lastRecorded.squawk()))
                || (next.position() != null && lastRecorded.position() == null)
                || (next.position() != null && positionReportDue(lastRecorded.observedAt(), next));
        // The aircraft still decides, by its own rules. This filter may delay a sampled position by up to one
        // interval; it never withholds a change of ground state, callsign or squawk, nor the report that decides a change.
    }

    /**
     * Whether a report says the aircraft is on the ground, as Flight Tracking judges it (ADR 0022): it claims so and does
     * not contradict itself. The aircraft and the filter in front of it ({@link #isWorthRecording}) must judge alike: a
     * filter that compared the raw claim would withhold a landing whose reports all claimed the ground.
     */
    public static boolean reportsGround(Observation observation) {
        return reportsGround(observation.onGround(), observation.verticalRateMps());
    }

    /** {@link #reportsGround(Observation)} from a report's ground claim and vertical rate (m/s, null if not reported). */
    public static boolean reportsGround(boolean claimsGround, Double verticalRateMps) {
        return claimsGround && !contradictsGround(claimsGround, verticalRateMps);
    }

    /**
     * Whether a report's claim to be on the ground is contradicted by the report itself (ADR 0022): it climbs or sinks
     * faster than {@link #MAX_VERTICAL_RATE_ON_GROUND_MPS}. Flight Tracking does not know where the ground is (an
     * airport's elevation belongs to the Airport context), so altitudes are judged there, not here.
     */
    public static boolean contradictsGround(Observation observation) {
        return contradictsGround(observation.onGround(), observation.verticalRateMps());
    }

    private static boolean contradictsGround(boolean claimsGround, Double verticalRateMps) {
        return claimsGround && verticalRateMps != null && Math.abs(verticalRateMps) > MAX_VERTICAL_RATE_ON_GROUND_MPS;
    }

    /**
     * Whether a report on the ground proves it by itself (ADR 0022): it moves slower than
     * {@link #SLOWER_THAN_ANY_FLIGHT_MPS}. Such a touchdown needs no confirmation — which matters when it is the last
     * report heard, as at the end of a capture.
     */
    public static boolean provesGround(Observation observation) {
        return reportsGround(observation) && observation.groundSpeedMps() != null
                && observation.groundSpeedMps() < SLOWER_THAN_ANY_FLIGHT_MPS;
    }

    static boolean positionReportDue(Instant lastReportedAt, Observation next) {
        return lastReportedAt == null || !next.observedAt().isBefore(lastReportedAt.plus(POSITION_REPORT_INTERVAL));
    }
}

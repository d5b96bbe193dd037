package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Transactional;

/** Queries on the flight-tracks read model. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class FlightTrackQueries {

    /** The longest window one query may ask for: a day of full-rate points is already ~17,000 at 5 s. */
    public static final Duration MAX_SPAN = Duration.ofHours(24);
    /** The most points one query returns: enough to draw a day's flight, small enough to answer in one go. */
    public static final int MAX_POINTS = 5_000;

    private final TrackPointRepository repository;

    FlightTrackQueries(TrackPointRepository repository) {
        this.repository = repository;
    }

    /** The aircraft's points in [from, to), at most {@code maxPoints} of them; empty if it was not heard from then. */
    public FlightTrack track(String icao24, Instant from, Instant to, int maxPoints) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("the window must be at most " + MAX_SPAN.toHours() + " h, was " + Duration.between(from, to));
        }
        if (maxPoints < 1 || maxPoints > MAX_POINTS) {
            throw new IllegalArgumentException("max points must be within [1, " + MAX_POINTS + "], was " + maxPoints);
        }
        // One more than asked for tells whether the window held more.
        List<TrackPoint> points = repository
                .findByIcao24AndObservedAtGreaterThanEqualAndObservedAtLessThanOrderByObservedAtAsc(icao24, from, to, Limit.of(maxPoints + 1))
                .stream().map(TrackPointEntity::toTrackPoint).toList();
        boolean truncated = points.size() > maxPoints;
        return new FlightTrack(icao24, from, to, truncated ? points.subList(0, maxPoints) : points, truncated);
    }
}

package dev.contrail.readmodels.flighttracking;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Spring Data access to the flight-tracks read model. Read-only on purpose: it exposes no save or delete. */
interface TrackPointRepository extends Repository<TrackPointEntity, TrackPointEntity.Key> {

    /** One aircraft's points in [from, to), oldest first; served by the primary key (icao24, observed_at). */
    List<TrackPointEntity> findByIcao24AndObservedAtGreaterThanEqualAndObservedAtLessThanOrderByObservedAtAsc(
            String icao24, Instant from, Instant to, Limit limit);
}

package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;

/** Queries on the flight-history read model. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class FlightHistoryQueries {

    public static final int MAX_FLIGHTS = 1_000;
    /** Newest activity first; the flight id breaks ties so that the order is stable from one call to the next. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("lastActivityAt"), Sort.Order.desc("flightId"));

    private final FlightRecordRepository repository;

    FlightHistoryQueries(FlightRecordRepository repository) {
        this.repository = repository;
    }

    /**
     * Flights whose latest activity is after {@code since}, newest first, at most {@code first} of them.
     *
     * @param since    null for any time
     * @param icao24   null for every aircraft, else six lower-case hex digits
     * @param callsign null for any callsign, else the flight's latest callsign exactly
     */
    public List<FlightRecord> recentFlights(Instant since, String icao24, String callsign, int first) {
        if (first < 1 || first > MAX_FLIGHTS) {
            throw new IllegalArgumentException("the number of flights must be within [1, " + MAX_FLIGHTS + "], was " + first);
        }
        return repository.findBy(matching(since, icao24, callsign), query -> query.sortBy(NEWEST_FIRST).limit(first).all())
                .stream().map(FlightRecordEntity::toFlightRecord).toList();
    }

    private static Specification<FlightRecordEntity> matching(Instant since, String icao24, String callsign) {
        return (root, query, cb) -> {
            var conditions = new ArrayList<Predicate>();
            if (since != null) {
                conditions.add(cb.greaterThan(root.<Instant>get("lastActivityAt"), since));
            }
            if (icao24 != null) {
                conditions.add(cb.equal(root.get("icao24"), icao24));
            }
            if (callsign != null) {
                conditions.add(cb.equal(root.get("callsign"), callsign));
            }
            return cb.and(conditions.toArray(Predicate[]::new));
        };
    }
}

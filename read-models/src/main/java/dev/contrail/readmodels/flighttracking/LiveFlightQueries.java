package dev.contrail.readmodels.flighttracking;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;

/** Queries on the live-flights read model. */
@Transactional(readOnly = true)
public class LiveFlightQueries {

    public static final int MAX_PAGE_SIZE = 1_000;
    private static final Sort BY_ICAO24 = Sort.by("icao24");

    private final LiveFlightRepository repository;

    LiveFlightQueries(LiveFlightRepository repository) {
        this.repository = repository;
    }

    /** The aircraft's current state, lost or not; empty until both topics have told about it. */
    public Optional<LiveFlight> flight(String icao24) {
        return repository.findById(icao24).filter(LiveFlightEntity::isComplete).map(LiveFlightEntity::toLiveFlight);
    }

    /** Aircraft within the box (all aircraft with a position when {@code within} is null) that are not lost. */
    public Window<LiveFlight> flights(BoundingBox within, ScrollPosition after, int pageSize) {
        return flights(LiveFlightFilter.within(within), after, pageSize);
    }

    /**
     * Aircraft with a position that match the filter, ordered by icao24, one page at a time: pass the previous
     * page's position, and the same filter, to get the next.
     */
    public Window<LiveFlight> flights(LiveFlightFilter filter, ScrollPosition after, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be within [1, " + MAX_PAGE_SIZE + "], was " + pageSize);
        }
        ScrollPosition position = after != null ? after : ScrollPosition.keyset();
        if (!(position instanceof KeysetScrollPosition)) {
            throw new IllegalArgumentException("only keyset positions (cursors from this API) are supported");
        }
        return repository.findBy(matching(filter), query -> query.sortBy(BY_ICAO24).limit(pageSize).scroll(position))
                .map(LiveFlightEntity::toLiveFlight);
    }

    private static Specification<LiveFlightEntity> matching(LiveFlightFilter filter) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            // Complete rows only (see LiveFlight), and only those with a position: this is a map.
            all.add(cb.isNotNull(root.get("flightId")));
            all.add(cb.isNotNull(root.get("lastSeen")));
            all.add(cb.isNotNull(root.get("latitude")));
            all.add(cb.isNotNull(root.get("longitude")));
            if (!filter.includeLost()) {
                all.add(cb.isFalse(root.get("lost")));
            }
            if (filter.within() != null) {
                all.add(within(root, cb, filter.within()));
            }
            if (filter.minAltitudeM() != null) {
                all.add(cb.ge(root.get("barometricAltitudeM"), filter.minAltitudeM()));
            }
            if (filter.maxAltitudeM() != null) {
                all.add(cb.le(root.get("barometricAltitudeM"), filter.maxAltitudeM()));
            }
            if (filter.onGround() != null) {
                all.add(cb.equal(root.get("onGround"), filter.onGround()));
            }
            if (filter.originCountry() != null) {
                all.add(cb.equal(cb.lower(root.get("originCountry")), filter.originCountry().toLowerCase(Locale.ROOT)));
            }
            if (filter.callsignPrefix() != null) {
                all.add(cb.like(cb.upper(root.get("callsign")), likePrefix(filter.callsignPrefix().toUpperCase(Locale.ROOT)), '\\'));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    private static Predicate within(Root<LiveFlightEntity> root, CriteriaBuilder cb, BoundingBox box) {
        var latitude = cb.between(root.<Double>get("latitude"), box.south(), box.north());
        var longitude = box.crossesAntimeridian()
                ? cb.or(cb.ge(root.<Double>get("longitude"), box.west()), cb.le(root.<Double>get("longitude"), box.east()))
                : cb.between(root.<Double>get("longitude"), box.west(), box.east());
        return cb.and(latitude, longitude);
    }

    /** A LIKE pattern for "starts with", the prefix's own wildcards taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

package dev.contrail.readmodels.flighttracking;

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

    public Optional<LiveFlight> flight(String icao24) {
        return repository.findById(icao24).map(LiveFlightEntity::toLiveFlight);
    }

    /**
     * Aircraft within the box (all aircraft with a position when {@code within} is null), ordered by icao24,
     * one page at a time: pass the previous page's position to get the next.
     */
    public Window<LiveFlight> flights(BoundingBox within, ScrollPosition after, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be within [1, " + MAX_PAGE_SIZE + "], was " + pageSize);
        }
        ScrollPosition position = after != null ? after : ScrollPosition.keyset();
        if (!(position instanceof KeysetScrollPosition)) {
            throw new IllegalArgumentException("only keyset positions (cursors from this API) are supported");
        }
        return repository.findBy(within(within), query -> query.sortBy(BY_ICAO24).limit(pageSize).scroll(position))
                .map(LiveFlightEntity::toLiveFlight);
    }

    private static Specification<LiveFlightEntity> within(BoundingBox box) {
        return (root, query, cb) -> {
            var hasPosition = cb.and(cb.isNotNull(root.get("latitude")), cb.isNotNull(root.get("longitude")));
            if (box == null) {
                return hasPosition;
            }
            var latitude = cb.between(root.<Double>get("latitude"), box.south(), box.north());
            var longitude = box.crossesAntimeridian()
                    ? cb.or(cb.ge(root.<Double>get("longitude"), box.west()), cb.le(root.<Double>get("longitude"), box.east()))
                    : cb.between(root.<Double>get("longitude"), box.west(), box.east());
            return cb.and(hasPosition, latitude, longitude);
        };
    }
}

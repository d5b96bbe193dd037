package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;

/** Queries on the emergencies read model. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class EmergencyQueries {

    public static final int MAX_EMERGENCIES = 1_000;
    /** Latest declaration first; aircraft and sequence break ties so that the order is stable. */
    private static final Sort LATEST_FIRST = Sort.by(Sort.Order.desc("declaredAt"), Sort.Order.asc("icao24"),
            Sort.Order.desc("declaredSequence"));

    private final EmergencyRepository repository;

    EmergencyQueries(EmergencyRepository repository) {
        this.repository = repository;
    }

    /**
     * Emergencies, latest declaration first, at most {@code first} of them.
     *
     * @param active true for the active ones only, false for the past ones only, null for both
     */
    public List<Emergency> emergencies(Boolean active, int first) {
        if (first < 1 || first > MAX_EMERGENCIES) {
            throw new IllegalArgumentException("the number of emergencies must be within [1, " + MAX_EMERGENCIES + "], was " + first);
        }
        return repository.findBy(active(active), query -> query.sortBy(LATEST_FIRST).limit(first).all())
                .stream().map(EmergencyEntity::toEmergency).toList();
    }

    private static Specification<EmergencyEntity> active(Boolean active) {
        return (root, query, cb) -> active == null ? cb.conjunction()
                : active ? cb.isNull(root.get("clearedAt")) : cb.isNotNull(root.get("clearedAt"));
    }
}

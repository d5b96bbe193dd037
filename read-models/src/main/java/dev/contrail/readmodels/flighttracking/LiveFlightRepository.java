package dev.contrail.readmodels.flighttracking;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Spring Data access to the live-flights read model. Read-only on purpose: it exposes no save or delete. */
interface LiveFlightRepository extends Repository<LiveFlightEntity, String>, JpaSpecificationExecutor<LiveFlightEntity> {

    Optional<LiveFlightEntity> findById(String icao24);
}

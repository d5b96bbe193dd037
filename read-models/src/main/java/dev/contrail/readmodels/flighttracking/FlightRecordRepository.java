package dev.contrail.readmodels.flighttracking;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** Spring Data access to the flight-history read model. Read-only on purpose: it exposes no save or delete. */
interface FlightRecordRepository extends Repository<FlightRecordEntity, String>, JpaSpecificationExecutor<FlightRecordEntity> {
}

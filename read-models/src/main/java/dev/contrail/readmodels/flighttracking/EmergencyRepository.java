package dev.contrail.readmodels.flighttracking;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** Spring Data access to the emergencies read model. Read-only on purpose: it exposes no save or delete. */
interface EmergencyRepository extends Repository<EmergencyEntity, EmergencyEntity.Key>, JpaSpecificationExecutor<EmergencyEntity> {
}

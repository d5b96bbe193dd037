package dev.contrail.api.projections;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.projections.ProjectionStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code projections}: each projection's state and the Kafka Streams state of its
 * generations. Down when a serving generation has stopped, since its read model then stops moving; a failed rebuild
 * is reported but does not make Contrail unhealthy, because the serving generation keeps serving.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionRegistry registry;

    ProjectionsHealthIndicator(ProjectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        for (ProjectionStatus status : registry.statuses()) {
            health.withDetail(status.name(), status.state() + (status.reason() == null ? "" : ": " + status.reason()));
        }
        registry.streamsStates().forEach((application, state) -> health.withDetail(application, state.name()));
        if (registry.servingHealthy()) {
            health.up();
        } else {
            health.down();
        }
    }
}

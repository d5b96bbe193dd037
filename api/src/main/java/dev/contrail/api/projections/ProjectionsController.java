package dev.contrail.api.projections;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.infrastructure.axon.EventRepublisher;
import dev.contrail.projections.Generation;
import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.projections.ProjectionStatus;
import dev.contrail.projections.ReplayProgress;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL for operators (schema {@code projections.graphqls}, ADR 0010): projections' state, replay, republish. */
@Controller
class ProjectionsController {

    private final ProjectionRegistry registry;
    private final EventRepublisher republisher;

    ProjectionsController(ProjectionRegistry registry, EventRepublisher republisher) {
        this.registry = registry;
        this.republisher = republisher;
    }

    @QueryMapping
    List<ProjectionStatus> projections() {
        return registry.statuses();
    }

    @SchemaMapping(typeName = "Projection", field = "lastReplay")
    ReplayProgress lastReplay(ProjectionStatus status) {
        return status.progress();
    }

    @SchemaMapping(typeName = "ProjectionGeneration", field = "generation")
    int generation(Generation generation) {
        return generation.number();
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    Generation replayProjection(@Argument String name) {
        return registry.replay(known(name));
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    Generation cancelReplay(@Argument String name) {
        return registry.cancel(known(name));
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    EventRepublisher.Republish republishEvents() {
        return republisher.republish();
    }

    @SubscriptionMapping
    Flux<ReplayProgress> replayProgress(@Argument String projection) {
        if (!registry.names().contains(projection)) {
            throw unknown("projection", projection);
        }
        return registry.progress(projection);
    }

    private String known(String name) {
        if (!registry.names().contains(name)) {
            throw unknown("name", name);
        }
        return name;
    }

    private InvalidArgumentException unknown(String argument, String name) {
        return new InvalidArgumentException(argument, "no projection is named '" + name + "'; known: "
                + String.join(", ", registry.names()));
    }
}

package dev.contrail.api.streams;

import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.presence.AirspacePresenceTopology;
import dev.contrail.projections.streams.FlushBeforeCommit;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.airspace.AirspaceActivityUpdates;
import dev.contrail.readmodels.airspace.AirspaceJdbcWriters;
import dev.contrail.readmodels.airspace.AirspaceProjections;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The Airspace context's Kafka Streams applications: entries and exits from Flight Tracking's events, and its three
 * projections, each run as generations by the projection registry (ADR 0010, ADR 0018).
 */
@Configuration(proxyBeanMethods = false)
public class AirspaceStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBean airspacePresenceStreams(StreamsApps apps, AirspaceLocator locator, AirspaceImport definitions,
                                                      AirspaceTraffic traffic, MeterRegistry meters) {
        // Transitions go in batches, each sent before the offsets behind it are committed (ADR 0044).
        var beforeCommit = new FlushBeforeCommit();
        return apps.app("airspace-presence", beforeCommit, builder -> AirspacePresenceTopology.addTo(builder, locator,
                definitions::awaitFirstImport, traffic, AirspacePresenceTopology.Metrics.on(meters), flush -> beforeCommit.register(flush)::close));
    }

    @Bean
    ProjectionDefinition airspaceDefinitionsProjection() {
        return new ProjectionDefinition(AirspaceProjections.Definitions.NAME, AirspaceProjections.Definitions.VERSION,
                List.of(Topics.AIRSPACE_EVENTS), List.of("airspace"),
                (builder, generation) -> AirspaceProjections.Definitions.addTo(builder, new AirspaceJdbcWriters.Definitions(generation.jdbc())));
    }

    @Bean
    ProjectionDefinition airspaceOccupancyProjection(AirspaceActivityUpdates updates) {
        return new ProjectionDefinition(AirspaceProjections.Occupancy.NAME, AirspaceProjections.Occupancy.VERSION,
                List.of(Topics.AIRSPACE_EVENTS), List.of("airspace_occupant", "airspace_capacity"),
                (builder, generation) -> AirspaceProjections.Occupancy.addTo(builder, new AirspaceJdbcWriters.Occupancy(generation.jdbc()),
                        generation.whileServing(updates)));
    }

    @Bean
    ProjectionDefinition airspaceTrafficProjection(AirspaceActivityUpdates updates) {
        return new ProjectionDefinition(AirspaceProjections.Traffic.NAME, AirspaceProjections.Traffic.VERSION,
                List.of(Topics.AIRSPACE_EVENTS), List.of("airspace_transit", "airspace_entries_hour"),
                (builder, generation) -> AirspaceProjections.Traffic.addTo(builder, new AirspaceJdbcWriters.Traffic(generation.jdbc()),
                        generation.whileServing(updates)));
    }
}

package dev.contrail.api.streams;

import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.presence.AirspacePresenceTopology;
import dev.contrail.readmodels.airspace.AirspaceActivityUpdates;
import dev.contrail.readmodels.airspace.AirspaceDefinitionsWriter;
import dev.contrail.readmodels.airspace.AirspaceOccupancyWriter;
import dev.contrail.readmodels.airspace.AirspaceProjections;
import dev.contrail.readmodels.airspace.AirspaceTrafficWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The Airspace context's Kafka Streams applications: entries and exits from Flight Tracking's events, and three projections. */
@Configuration(proxyBeanMethods = false)
public class AirspaceStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBean airspacePresenceStreams(StreamsApps apps, AirspaceLocator locator, AirspaceImport definitions,
                                                      AirspaceTraffic traffic, MeterRegistry meters) {
        return apps.app("airspace-presence", builder -> AirspacePresenceTopology.addTo(builder, locator, definitions::awaitFirstImport, traffic,
                AirspacePresenceTopology.Metrics.on(meters)));
    }

    @Bean
    StreamsBuilderFactoryBean airspaceDefinitionsProjectionStreams(StreamsApps apps, AirspaceDefinitionsWriter writer) {
        return apps.projection(AirspaceProjections.Definitions.NAME, AirspaceProjections.Definitions.VERSION,
                builder -> AirspaceProjections.Definitions.addTo(builder, writer));
    }

    @Bean
    StreamsBuilderFactoryBean airspaceOccupancyProjectionStreams(StreamsApps apps, AirspaceOccupancyWriter writer, AirspaceActivityUpdates updates) {
        return apps.projection(AirspaceProjections.Occupancy.NAME, AirspaceProjections.Occupancy.VERSION,
                builder -> AirspaceProjections.Occupancy.addTo(builder, writer, updates));
    }

    @Bean
    StreamsBuilderFactoryBean airspaceTrafficProjectionStreams(StreamsApps apps, AirspaceTrafficWriter writer, AirspaceActivityUpdates updates) {
        return apps.projection(AirspaceProjections.Traffic.NAME, AirspaceProjections.Traffic.VERSION,
                builder -> AirspaceProjections.Traffic.addTo(builder, writer, updates));
    }
}

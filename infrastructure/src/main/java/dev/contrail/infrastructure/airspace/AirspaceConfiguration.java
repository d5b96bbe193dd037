package dev.contrail.infrastructure.airspace;

import dev.contrail.application.airspace.AirspaceDefinitions;
import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.publishing.AirspaceEventMapper;
import dev.contrail.infrastructure.airspace.publishing.AirspaceKafkaMessageConverter;
import dev.contrail.infrastructure.axon.AxonConfiguration;
import dev.contrail.infrastructure.publishing.PublishedEvents;
import dev.contrail.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The Airspace context's write side: its aggregate, use cases, locator, definitions import and published language. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AirspaceProperties.class)
public class AirspaceConfiguration {

    /**
     * Volumes kept in memory between commands: their definitions (boundaries of hundreds of points) would otherwise be
     * read and deserialized again for every entry and exit (ADR 0020). More than the bundled FIRs (1,096).
     */
    static final int CACHED_VOLUMES = 5_000;
    /**
     * A large FIR records an event per entry and exit; a snapshot writes its whole boundary and every occupant. With
     * the volumes cached, snapshots serve only the first load after a start, so they are taken every 1,000 small
     * events rather than every 100 (ADR 0020).
     */
    static final int SNAPSHOT_THRESHOLD = 1_000;

    @Bean
    ConfigurerModule airspaceAggregates() {
        return AxonConfiguration.eventSourcedWithSnapshots(AirspaceVolume.class, "airspace", SNAPSHOT_THRESHOLD, CACHED_VOLUMES);
    }

    @Bean
    AirspaceDefinitions airspaceDefinitions(CommandGateway commandGateway, TransactionManager transactions) {
        return new AirspaceDefinitions(commandGateway, transactions);
    }

    @Bean
    AirspaceTraffic airspaceTraffic(CommandGateway commandGateway, TransactionManager transactions) {
        return new AirspaceTraffic(commandGateway, transactions);
    }

    @Bean
    AirspaceLocator airspaceLocator(AirspaceProperties properties) {
        return new AirspaceLocator(properties.horizontalMarginM(), properties.verticalMarginM());
    }

    @Bean
    AirspaceImport airspaceImport(AirspaceProperties properties, AirspaceDefinitions definitions, AirspaceLocator locator, JdbcTemplate jdbc,
                                  PlatformTransactionManager transactionManager, MeterRegistry meters) {
        return new AirspaceImport(properties, definitions, locator, jdbc, new TransactionTemplate(transactionManager), meters,
                Clock.systemUTC());
    }

    /** The import starts once the application is up (Axon and the command bus ready), in the background. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> airspaceImportAtStartUp(AirspaceProperties properties, AirspaceImport airspaceImport) {
        return event -> {
            if (properties.definitions().enabled()) {
                airspaceImport.startInBackground();
            }
        };
    }

    @Bean
    PublishedEvents airspacePublishedEvents() {
        return new PublishedEvents(Topics.AIRSPACE_EVENTS, AirspaceEventMapper::isPublished, new AirspaceKafkaMessageConverter());
    }
}

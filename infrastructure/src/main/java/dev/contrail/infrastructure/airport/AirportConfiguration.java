package dev.contrail.infrastructure.airport;

import dev.contrail.application.CommandBatch;
import dev.contrail.application.airport.AirportIndex;
import dev.contrail.application.airport.AirportLocations;
import dev.contrail.application.airport.AirportReferenceData;
import dev.contrail.application.airport.MovementRecording;
import dev.contrail.domain.airport.Airport;
import dev.contrail.domain.airport.Movement;
import dev.contrail.infrastructure.airport.importing.AirportImportProperties;
import dev.contrail.infrastructure.airport.importing.AirportImportRunner;
import dev.contrail.infrastructure.airport.importing.AirportImporter;
import dev.contrail.infrastructure.axon.AxonConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The Airport context's command side: its aggregates, use cases, airport index and the OurAirports import. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AirportImportProperties.class)
public class AirportConfiguration {

    /** The tracking processor that rebuilds the airport index from the context's events at every start. */
    public static final String AIRPORT_LOCATIONS_PROCESSOR = "airport-locations";

    /** Airports change rarely: a snapshot every 50 events is a bound, not a cost. */
    @Bean
    ConfigurerModule airportAggregates() {
        return AxonConfiguration.eventSourcedWithSnapshots(Airport.class, "airport", 50);
    }

    /** A movement has one event; the snapshot threshold is never reached. */
    @Bean
    ConfigurerModule movementAggregates() {
        return AxonConfiguration.eventSourcedWithSnapshots(Movement.class, "movement", 100);
    }

    @Bean
    AirportIndex airportIndex(MeterRegistry meters) {
        AirportIndex index = new AirportIndex();
        Gauge.builder("contrail.airports.indexed", index, AirportIndex::size).description("Airports in the command side's index")
                .register(meters);
        return index;
    }

    @Bean
    AirportLocations airportLocations(AirportIndex index) {
        return new AirportLocations(index);
    }

    /**
     * The index lives in memory, so its processor keeps its token in memory too: every start replays the context's
     * events from the beginning into an empty index. Batches of 100 (LIMITS.md).
     */
    @Bean
    ConfigurerModule airportLocationsProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(AIRPORT_LOCATIONS_PROCESSOR)
                .assignHandlerTypesMatching(AIRPORT_LOCATIONS_PROCESSOR, type -> AirportLocations.class.isAssignableFrom(type))
                .registerTokenStore(AIRPORT_LOCATIONS_PROCESSOR, axon -> new InMemoryTokenStore())
                .registerTrackingEventProcessorConfiguration(AIRPORT_LOCATIONS_PROCESSOR,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100));
    }

    @Bean
    AirportReferenceData airportReferenceData(CommandGateway commands, TransactionManager transactions, AirportIndex index) {
        return new AirportReferenceData(commands, new CommandBatch(transactions), index);
    }

    @Bean
    MovementRecording movementRecording(CommandGateway commands, AirportIndex index) {
        return new MovementRecording(commands, index);
    }

    @Bean
    AirportImporter airportImporter(AirportReferenceData referenceData, ResourceLoader resources, MeterRegistry meters) {
        return new AirportImporter(referenceData, resources, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "contrail.airports.import.enabled", havingValue = "true", matchIfMissing = true)
    AirportImportRunner airportImportRunner(AirportImporter importer, AirportImportProperties properties, ApplicationEventPublisher events) {
        return new AirportImportRunner(importer, properties, events);
    }
}

package dev.contrail.api.streams;

import dev.contrail.application.airport.MovementRecording;
import dev.contrail.infrastructure.airport.importing.AirportImportFinished;
import dev.contrail.infrastructure.airport.importing.AirportImportProperties;
import dev.contrail.infrastructure.airport.intake.MovementIntakeTopology;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.airport.AirportFlightJdbcWriter;
import dev.contrail.readmodels.airport.AirportFlightsProjection;
import dev.contrail.readmodels.airport.AirportJdbcWriter;
import dev.contrail.readmodels.airport.AirportMovementUpdates;
import dev.contrail.readmodels.airport.AirportMovementsProjection;
import dev.contrail.readmodels.airport.AirportsProjection;
import dev.contrail.readmodels.airport.MovementJdbcWriter;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.Topics;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The Airport context's Kafka Streams applications: its intake of Flight Tracking's events, and its three
 * projections (airports, airport movements, airport flights), each run as generations by the projection registry
 * (ADR 0010).
 *
 * <p>When the start-up import is on, the intake waits for it to finish: Flight Tracking's events stay on their
 * topic, so nothing is lost by waiting, and every movement is attributed against every airport (ADR 0012).
 */
@Configuration(proxyBeanMethods = false)
public class AirportStreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AirportStreamsConfiguration.class);

    @Bean
    StreamsBuilderFactoryBean airportIntakeStreams(StreamsApps apps, MovementRecording recording, MeterRegistry meters,
                                                   AirportImportProperties importing) {
        StreamsBuilderFactoryBean factory = apps.app("airport-intake",
                builder -> MovementIntakeTopology.addTo(builder, recording, MovementIntakeTopology.Metrics.on(meters)));
        factory.setAutoStartup(!importing.enabled());
        return factory;
    }

    @Bean
    IntakeStarter startAirportIntakeAfterImport(ApplicationContext context) {
        return new IntakeStarter(context);
    }

    /** Starts the intake when the start-up import has finished, successfully or not. */
    static final class IntakeStarter {
        private final ApplicationContext context;

        IntakeStarter(ApplicationContext context) {
            this.context = context;
        }

        @EventListener
        public void on(AirportImportFinished finished) {
            StreamsBuilderFactoryBean intake = context.getBean("&airportIntakeStreams", StreamsBuilderFactoryBean.class);
            if (!intake.isRunning()) {
                log.info("Airport import finished; starting the airport intake");
                intake.start();
            }
        }
    }

    // The projections: each a ProjectionDefinition that the ProjectionRegistry runs as generations (ADR 0010).

    @Bean
    ProjectionDefinition airportsProjection() {
        return new ProjectionDefinition(AirportsProjection.NAME, AirportsProjection.VERSION, List.of(Topics.AIRPORT_EVENTS),
                List.of("airport", "airport_runway"),
                (builder, generation) -> AirportsProjection.addTo(builder, new AirportJdbcWriter(generation.jdbc())));
    }

    @Bean
    ProjectionDefinition airportMovementsProjection(AirportMovementUpdates updates) {
        return new ProjectionDefinition(AirportMovementsProjection.NAME, AirportMovementsProjection.VERSION, List.of(Topics.AIRPORT_EVENTS),
                List.of("airport_movement", "airport_movement_hour"),
                (builder, generation) -> AirportMovementsProjection.addTo(builder, new MovementJdbcWriter(generation.jdbc()),
                        generation.whileServing(updates)));
    }

    @Bean
    ProjectionDefinition airportFlightsProjection() {
        return new ProjectionDefinition(AirportFlightsProjection.NAME, AirportFlightsProjection.VERSION,
                List.of(Topics.AIRPORT_EVENTS, Topics.FLIGHT_TRACKING_EVENTS), List.of("airport_flight"),
                (builder, generation) -> AirportFlightsProjection.addTo(builder, new AirportFlightJdbcWriter(generation.jdbc())));
    }
}

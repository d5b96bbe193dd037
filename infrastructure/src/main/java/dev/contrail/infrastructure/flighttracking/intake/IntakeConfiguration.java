package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.application.flighttracking.ObservationIntake;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Flight Tracking use case behind the intake topology ({@link IntakeTopology}, wired with the other topologies). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeConfiguration.FlightTrackingProperties.class)
public class IntakeConfiguration {

    @Bean
    ObservationIntake observationIntake(CommandGateway commandGateway, TransactionManager transactions) {
        return new ObservationIntake(commandGateway, transactions);
    }

    /**
     * @param lostAfter how long an aircraft may stay silent before its flight is declared lost. Longer than
     *                  refinement's keep-alive interval, or every quiet aircraft would be lost.
     */
    @ConfigurationProperties("contrail.flight-tracking")
    public record FlightTrackingProperties(@DefaultValue("5m") Duration lostAfter) {
    }
}

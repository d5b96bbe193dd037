package dev.contrail.readmodels.airport;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The Airport context's read models: writers for its three projections, and their queries. */
@Configuration(proxyBeanMethods = false)
public class AirportReadModelsConfiguration {

    @Bean
    AirportWriter airportWriter(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AirportJdbcWriter(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    MovementWriter airportMovementWriter(NamedParameterJdbcTemplate jdbc) {
        return new MovementJdbcWriter(jdbc);
    }

    @Bean
    AirportFlightWriter airportFlightWriter(NamedParameterJdbcTemplate jdbc) {
        return new AirportFlightJdbcWriter(jdbc);
    }

    @Bean
    AirportMovementUpdates airportMovementUpdates() {
        return new AirportMovementUpdates();
    }

    @Bean
    AirportQueries airportQueries(NamedParameterJdbcTemplate jdbc) {
        return new AirportQueries(jdbc);
    }

    @Bean
    MovementQueries airportMovementQueries(NamedParameterJdbcTemplate jdbc) {
        return new MovementQueries(jdbc, Clock.systemUTC());
    }

    @Bean
    AirportFlightQueries airportFlightQueries(NamedParameterJdbcTemplate jdbc) {
        return new AirportFlightQueries(jdbc);
    }
}

package dev.contrail.readmodels.airport;

import dev.contrail.readmodels.projection.QuerySide;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The Airport context's read models: the queries on its three projections' views, and the movements' subscribers.
 * The writers are made per generation of each projection (ADR 0010), in the API's topology wiring.
 */
@Configuration(proxyBeanMethods = false)
public class AirportReadModelsConfiguration {

    @Bean
    AirportMovementUpdates airportMovementUpdates() {
        return new AirportMovementUpdates();
    }

    @Bean
    AirportQueries airportQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        return new AirportQueries(jdbc);
    }

    @Bean
    MovementQueries airportMovementQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        return new MovementQueries(jdbc, Clock.systemUTC());
    }

    @Bean
    AirportFlightQueries airportFlightQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        return new AirportFlightQueries(jdbc);
    }
}

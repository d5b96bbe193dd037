package dev.contrail.readmodels.airspace;

import dev.contrail.readmodels.projection.QuerySide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The Airspace read side's query beans; the projections' writers are made per generation (ADR 0010). */
@Configuration(proxyBeanMethods = false)
public class AirspaceReadModelsConfiguration {

    @Bean
    AirspaceActivityUpdates airspaceActivityUpdates() {
        return new AirspaceActivityUpdates();
    }

    @Bean
    AirspaceQueries airspaceQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        return new AirspaceQueries(jdbc);
    }
}

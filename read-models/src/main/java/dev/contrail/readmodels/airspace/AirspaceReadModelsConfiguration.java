package dev.contrail.readmodels.airspace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class AirspaceReadModelsConfiguration {

    @Bean
    AirspaceDefinitionsWriter airspaceDefinitionsWriter(NamedParameterJdbcTemplate jdbc) {
        return new AirspaceJdbcWriters.Definitions(jdbc);
    }

    @Bean
    AirspaceOccupancyWriter airspaceOccupancyWriter(NamedParameterJdbcTemplate jdbc) {
        return new AirspaceJdbcWriters.Occupancy(jdbc);
    }

    @Bean
    AirspaceTrafficWriter airspaceTrafficWriter(NamedParameterJdbcTemplate jdbc) {
        return new AirspaceJdbcWriters.Traffic(jdbc);
    }

    @Bean
    AirspaceActivityUpdates airspaceActivityUpdates() {
        return new AirspaceActivityUpdates();
    }

    @Bean
    AirspaceQueries airspaceQueries(NamedParameterJdbcTemplate jdbc) {
        return new AirspaceQueries(jdbc);
    }
}

package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class EmergenciesConfiguration {

    @Bean
    EmergencyWriter emergencyWriter(NamedParameterJdbcTemplate jdbc) {
        return new EmergencyJdbcWriter(jdbc);
    }

    @Bean
    EmergencyUpdates emergencyUpdates() {
        return new EmergencyUpdates();
    }

    @Bean
    EmergencyQueries emergencyQueries(EmergencyRepository repository) {
        return new EmergencyQueries(repository);
    }
}

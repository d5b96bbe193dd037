package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class EmergenciesConfiguration {

    @Bean
    EmergencyUpdates emergencyUpdates() {
        return new EmergencyUpdates();
    }

    @Bean
    EmergencyQueries emergencyQueries(EmergencyRepository repository) {
        return new EmergencyQueries(repository);
    }
}

package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FlightHistoryConfiguration {

    @Bean
    FlightHistoryQueries flightHistoryQueries(FlightRecordRepository repository) {
        return new FlightHistoryQueries(repository);
    }
}

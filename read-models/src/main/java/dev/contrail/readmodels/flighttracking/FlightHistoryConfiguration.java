package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class FlightHistoryConfiguration {

    @Bean
    FlightHistoryWriter flightHistoryWriter(NamedParameterJdbcTemplate jdbc) {
        return new FlightHistoryJdbcWriter(jdbc);
    }

    @Bean
    FlightHistoryQueries flightHistoryQueries(FlightRecordRepository repository) {
        return new FlightHistoryQueries(repository);
    }
}

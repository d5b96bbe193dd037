package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class LiveFlightsConfiguration {

    @Bean
    LiveFlightUpdates liveFlightUpdates() {
        return new LiveFlightUpdates();
    }

    @Bean
    LiveFlightQueries liveFlightQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        return new LiveFlightQueries(jdbc);
    }
}

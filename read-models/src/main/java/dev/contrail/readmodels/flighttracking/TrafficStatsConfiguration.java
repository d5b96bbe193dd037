package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class TrafficStatsConfiguration {

    @Bean
    TrafficStatsQueries trafficStatsQueries(@QuerySide NamedParameterJdbcTemplate jdbc) {
        // Windows end now, in UTC minutes; the clock is a parameter so that the computation can be tested at a fixed time.
        return new TrafficStatsQueries(jdbc, Clock.systemUTC());
    }
}

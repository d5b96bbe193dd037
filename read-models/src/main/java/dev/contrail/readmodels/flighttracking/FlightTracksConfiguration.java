package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class FlightTracksConfiguration {

    @Bean
    TrackPointWriter trackPointWriter(NamedParameterJdbcTemplate jdbc) {
        return new TrackPointJdbcWriter(jdbc);
    }

    @Bean
    FlightTrackQueries flightTrackQueries(TrackPointRepository repository) {
        return new FlightTrackQueries(repository);
    }
}

package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FlightTracksConfiguration {

    @Bean
    FlightTrackQueries flightTrackQueries(TrackPointRepository repository) {
        return new FlightTrackQueries(repository);
    }
}

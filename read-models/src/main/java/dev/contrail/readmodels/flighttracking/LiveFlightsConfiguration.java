package dev.contrail.readmodels.flighttracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LiveFlightsConfiguration {

    @Bean
    LiveFlightUpdates liveFlightUpdates() {
        return new LiveFlightUpdates();
    }

    @Bean
    LiveFlightQueries liveFlightQueries(LiveFlightRepository repository) {
        return new LiveFlightQueries(repository);
    }
}

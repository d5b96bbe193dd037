package dev.contrail.api.streams;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.infrastructure.flighttracking.intake.IntakeConfiguration.FlightTrackingProperties;
import dev.contrail.infrastructure.flighttracking.intake.IntakeTopology;
import dev.contrail.infrastructure.flighttracking.refinement.RefinementSettings;
import dev.contrail.infrastructure.flighttracking.refinement.RefinementTopology;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.readmodels.flighttracking.EmergenciesProjection;
import dev.contrail.readmodels.flighttracking.EmergencyUpdates;
import dev.contrail.readmodels.flighttracking.EmergencyWriter;
import dev.contrail.readmodels.flighttracking.FlightHistoryProjection;
import dev.contrail.readmodels.flighttracking.FlightHistoryWriter;
import dev.contrail.readmodels.flighttracking.FlightTracksProjection;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import dev.contrail.readmodels.flighttracking.LiveFlightWriter;
import dev.contrail.readmodels.flighttracking.LiveFlightsProjection;
import dev.contrail.readmodels.flighttracking.TrackPointWriter;
import dev.contrail.readmodels.flighttracking.TrafficMinuteWriter;
import dev.contrail.readmodels.flighttracking.TrafficStatsProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The composition root of Contrail's Kafka Streams topologies, each its own application (see {@link StreamsApps}):
 * Flight Tracking's refinement and intake, and one per projection, so that rebuilding one — the flight tracks, say,
 * a long replay of the observation stream — leaves the others, and the live map, alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefinementSettings.class)
public class StreamsTopologiesConfiguration {

    @Bean
    StreamsBuilderFactoryBean refinementStreams(StreamsApps apps, MeterRegistry meters, RefinementSettings settings) {
        return apps.app("refinement",
                builder -> RefinementTopology.addTo(builder, DeadLetterPublisher.counter(meters, RefinementTopology.STAGE), settings));
    }

    @Bean
    StreamsBuilderFactoryBean intakeStreams(StreamsApps apps, MeterRegistry meters, ObservationIntake intake,
                                            FlightTrackingProperties flightTracking) {
        return apps.app("flight-tracking-intake",
                builder -> IntakeTopology.addTo(builder, intake, flightTracking.lostAfter(), IntakeTopology.Metrics.on(meters)));
    }

    @Bean
    StreamsBuilderFactoryBean liveFlightsProjectionStreams(StreamsApps apps, LiveFlightWriter writer, LiveFlightUpdates updates,
                                                           MeterRegistry meters) {
        return apps.projection(LiveFlightsProjection.NAME, LiveFlightsProjection.VERSION,
                builder -> LiveFlightsProjection.addTo(builder, writer, updates, (source, age) -> Timer.builder("contrail.live.flights.freshness")
                        .description("From a record entering Kafka (for observations: the raw state vector) to its change being "
                                + "written to the live map and handed to the subscribers")
                        .tag("source", source)
                        .publishPercentiles(0.5, 0.99)
                        .publishPercentileHistogram()
                        .register(meters)
                        .record(age)));
    }

    @Bean
    StreamsBuilderFactoryBean flightTracksProjectionStreams(StreamsApps apps, TrackPointWriter writer) {
        return apps.projection(FlightTracksProjection.NAME, FlightTracksProjection.VERSION,
                builder -> FlightTracksProjection.addTo(builder, writer));
    }

    @Bean
    StreamsBuilderFactoryBean flightHistoryProjectionStreams(StreamsApps apps, FlightHistoryWriter writer) {
        return apps.projection(FlightHistoryProjection.NAME, FlightHistoryProjection.VERSION,
                builder -> FlightHistoryProjection.addTo(builder, writer));
    }

    @Bean
    StreamsBuilderFactoryBean emergenciesProjectionStreams(StreamsApps apps, EmergencyWriter writer, EmergencyUpdates updates) {
        return apps.projection(EmergenciesProjection.NAME, EmergenciesProjection.VERSION,
                builder -> EmergenciesProjection.addTo(builder, writer, updates));
    }

    @Bean
    StreamsBuilderFactoryBean trafficStatsProjectionStreams(StreamsApps apps, TrafficMinuteWriter writer) {
        return apps.projection(TrafficStatsProjection.NAME, TrafficStatsProjection.VERSION,
                builder -> TrafficStatsProjection.addTo(builder, writer));
    }
}

package dev.contrail.api.streams;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.infrastructure.flighttracking.intake.IntakeConfiguration.FlightTrackingProperties;
import dev.contrail.infrastructure.flighttracking.intake.IntakeTopology;
import dev.contrail.infrastructure.flighttracking.refinement.RefinementSettings;
import dev.contrail.infrastructure.flighttracking.refinement.RefinementTopology;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.flighttracking.EmergenciesProjection;
import dev.contrail.readmodels.flighttracking.EmergencyJdbcWriter;
import dev.contrail.readmodels.flighttracking.EmergencyUpdates;
import dev.contrail.readmodels.flighttracking.FlightHistoryJdbcWriter;
import dev.contrail.readmodels.flighttracking.FlightHistoryProjection;
import dev.contrail.readmodels.flighttracking.FlightTracksProjection;
import dev.contrail.readmodels.flighttracking.JdbcLiveFlightWriter;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import dev.contrail.readmodels.flighttracking.LiveFlightsProjection;
import dev.contrail.readmodels.flighttracking.TrackPointJdbcWriter;
import dev.contrail.readmodels.flighttracking.TrafficMinuteJdbcWriter;
import dev.contrail.readmodels.flighttracking.TrafficStatsProjection;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.Topics;
import dev.contrail.projections.streams.FlushBeforeCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The composition root of Contrail's Kafka Streams topologies, each its own application (see {@link StreamsApps}):
 * Flight Tracking's refinement and intake, and the read-model projections, which the
 * {@link dev.contrail.projections.ProjectionRegistry} runs as generations so that rebuilding one — the flight
 * tracks, say, a long replay of the observation stream — leaves the others, and the queries, alone (ADR 0010).
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
                                            FlightTrackingProperties flightTracking, DeadLetterPublisher deadLetters) {
        // The intake sends its commands in batches, each sent before the offsets behind it are committed (ADR 0020).
        var beforeCommit = new FlushBeforeCommit();
        return apps.app("flight-tracking-intake", beforeCommit,
                builder -> IntakeTopology.addTo(builder, intake, flightTracking.lostAfter(), IntakeTopology.Metrics.on(meters),
                        (topic, partition, offset, key, reason, observation) ->
                                deadLetters.publishFromTopic(IntakeTopology.STAGE, reason, topic, partition, offset, key, observation),
                        flush -> beforeCommit.register(flush)::close));
    }

    // The projections: each a ProjectionDefinition that the ProjectionRegistry runs as generations (ADR 0010). A
    // topology writes only through the generation it is given, and reaches subscribers only while that generation serves.

    @Bean
    ProjectionDefinition liveFlightsProjection(LiveFlightUpdates updates, MeterRegistry meters, DeadLetterPublisher deadLetters) {
        return new ProjectionDefinition(LiveFlightsProjection.NAME, LiveFlightsProjection.VERSION,
                List.of(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS), List.of("live_flight"),
                (builder, generation) -> {
                    var writer = new JdbcLiveFlightWriter(generation.jdbc(), RejectedToDeadLetters.of(deadLetters, LiveFlightsProjection.NAME));
                    Map<String, Timer> freshness = new ConcurrentHashMap<>();
                    LiveFlightsProjection.addTo(builder, writer, generation.whileServing(updates::acceptAll), (source, age) -> {
                        if (generation.serving()) {
                            freshness.computeIfAbsent(source, key -> freshness(meters, key)).record(age);
                        }
                    }, generation::batching);
                });
    }

    private static Timer freshness(MeterRegistry meters, String source) {
        return Timer.builder("contrail.live.flights.freshness")
                .description("From a record entering Kafka (for observations: the raw state vector) to its change being "
                        + "written to the live map and handed to the subscribers")
                .tag("source", source)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    @Bean
    ProjectionDefinition flightTracksProjection(DeadLetterPublisher deadLetters) {
        return new ProjectionDefinition(FlightTracksProjection.NAME, FlightTracksProjection.VERSION,
                List.of(Topics.FLIGHT_TRACKING_OBSERVATIONS), List.of("track_point"),
                (builder, generation) -> {
                    var writer = new TrackPointJdbcWriter(generation.jdbc(), RejectedToDeadLetters.of(deadLetters, FlightTracksProjection.NAME));
                    generation.batching(writer);
                    FlightTracksProjection.addTo(builder, writer);
                });
    }

    @Bean
    ProjectionDefinition flightHistoryProjection(DeadLetterPublisher deadLetters) {
        return new ProjectionDefinition(FlightHistoryProjection.NAME, FlightHistoryProjection.VERSION,
                List.of(Topics.FLIGHT_TRACKING_EVENTS), List.of("flight"),
                (builder, generation) -> {
                    var writer = new FlightHistoryJdbcWriter(generation.jdbc(), RejectedToDeadLetters.of(deadLetters, FlightHistoryProjection.NAME));
                    generation.batching(writer);
                    FlightHistoryProjection.addTo(builder, writer);
                });
    }

    @Bean
    ProjectionDefinition emergenciesProjection(EmergencyUpdates updates) {
        return new ProjectionDefinition(EmergenciesProjection.NAME, EmergenciesProjection.VERSION,
                List.of(Topics.FLIGHT_TRACKING_EVENTS), List.of("emergency"),
                (builder, generation) -> EmergenciesProjection.addTo(builder, new EmergencyJdbcWriter(generation.jdbc()),
                        generation.whileServing(updates)));
    }

    @Bean
    ProjectionDefinition trafficStatsProjection(DeadLetterPublisher deadLetters) {
        return new ProjectionDefinition(TrafficStatsProjection.NAME, TrafficStatsProjection.VERSION,
                List.of(Topics.FLIGHT_TRACKING_OBSERVATIONS), List.of("traffic_minute"),
                (builder, generation) -> {
                    var writer = new TrafficMinuteJdbcWriter(generation.jdbc(), RejectedToDeadLetters.of(deadLetters, TrafficStatsProjection.NAME));
                    generation.batching(writer);
                    TrafficStatsProjection.addTo(builder, writer);
                });
    }
}

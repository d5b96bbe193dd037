package dev.contrail.api.streams;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.infrastructure.flighttracking.intake.IntakeConfiguration.FlightTrackingProperties;
import dev.contrail.infrastructure.flighttracking.intake.IntakeTopology;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/** Flight Tracking's intake topology: refined observations → commands to the aircraft. */
@Configuration(proxyBeanMethods = false)
public class FlightTrackingStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBean intakeStreams(KafkaProperties kafka, ContrailKafkaProperties contrail, MeterRegistry meters,
                                            ObservationIntake intake, FlightTrackingProperties flightTracking) {
        var properties = new HashMap<>(kafka.buildStreamsProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, contrail.applicationId("flight-tracking-intake"));
        properties.computeIfAbsent(StreamsConfig.STATE_DIR_CONFIG, key -> temporaryDirectory("flight-tracking-intake"));
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        var factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(properties));
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                IntakeTopology.addTo(builder, intake, flightTracking.lostAfter(), IntakeTopology.Metrics.on(meters));
            }
        });
        factory.addListener(new KafkaStreamsMicrometerListener(meters));
        return factory;
    }

    private static String temporaryDirectory(String name) {
        try {
            return Files.createTempDirectory("kafka-streams-" + name + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

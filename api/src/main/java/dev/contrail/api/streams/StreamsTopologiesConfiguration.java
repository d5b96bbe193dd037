package dev.contrail.api.streams;

import dev.contrail.infrastructure.flighttracking.refinement.RefinementTopology;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import dev.contrail.readmodels.flighttracking.LiveFlightWriter;
import dev.contrail.readmodels.flighttracking.LiveFlightsProjection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * The composition root of Contrail's Kafka Streams topologies. Each topology runs as its own KafkaStreams
 * instance with its own application.id (ADR 0005), so that one can be reset or rebuilt without touching the
 * others; the topologies themselves are pure functions owned by their modules.
 */
@Configuration(proxyBeanMethods = false)
public class StreamsTopologiesConfiguration {

    @Bean
    StreamsBuilderFactoryBean refinementStreams(KafkaProperties kafka, ContrailKafkaProperties contrail, MeterRegistry meters) {
        return streamsApp(contrail.applicationId("refinement"), kafka, meters,
                builder -> RefinementTopology.addTo(builder, DeadLetterPublisher.counter(meters, RefinementTopology.STAGE)));
    }

    @Bean
    StreamsBuilderFactoryBean liveFlightsProjectionStreams(KafkaProperties kafka, ContrailKafkaProperties contrail, MeterRegistry meters,
                                                           LiveFlightWriter writer, LiveFlightUpdates updates) {
        return streamsApp(contrail.applicationId("projection-" + LiveFlightsProjection.NAME + "-v" + LiveFlightsProjection.VERSION),
                kafka, meters,
                builder -> LiveFlightsProjection.addTo(builder, writer, updates));
    }

    private static StreamsBuilderFactoryBean streamsApp(String applicationId, KafkaProperties kafka, MeterRegistry meters,
                                                        Consumer<StreamsBuilder> topology) {
        var properties = new HashMap<>(kafka.buildStreamsProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        // Unless configured, a private state directory: two instances in one JVM (tests) must not share RocksDB locks.
        properties.computeIfAbsent(StreamsConfig.STATE_DIR_CONFIG, key -> temporaryDirectory(applicationId));
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        var factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(properties));
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                topology.accept(builder);
            }
        });
        factory.addListener(new KafkaStreamsMicrometerListener(meters));
        return factory;
    }

    private static String temporaryDirectory(String applicationId) {
        try {
            return Files.createTempDirectory("kafka-streams-" + applicationId + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

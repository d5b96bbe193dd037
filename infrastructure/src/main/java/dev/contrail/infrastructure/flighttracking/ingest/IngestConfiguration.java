package dev.contrail.infrastructure.flighttracking.ingest;

import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Ingestion adapters: what brings OpenSky state vectors into the raw topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaptureProperties.class)
public class IngestConfiguration {

    @Bean
    DefaultKafkaProducerFactory<String, OpenSkyStateVector> rawStateVectorProducerFactory(KafkaProperties kafka) {
        var properties = new HashMap<>(kafka.buildProducerProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), AvroSerde.of(OpenSkyStateVector.class).serializer());
    }

    @Bean
    KafkaTemplate<String, OpenSkyStateVector> rawStateVectors(DefaultKafkaProducerFactory<String, OpenSkyStateVector> rawStateVectorProducerFactory) {
        return new KafkaTemplate<>(rawStateVectorProducerFactory);
    }

    @Bean
    CaptureReplay captureReplay(CaptureProperties properties, KafkaTemplate<String, OpenSkyStateVector> rawStateVectors,
                                DeadLetterPublisher deadLetters, MeterRegistry meters) {
        return new CaptureReplay(properties, rawStateVectors, deadLetters, meters, Clock.systemUTC());
    }
}

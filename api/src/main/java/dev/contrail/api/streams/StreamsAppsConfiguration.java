package dev.contrail.api.streams;

import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterExceptionHandler;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.infrastructure.kafka.StreamsDeadLetters;
import dev.contrail.projections.streams.ApplicationIds;
import dev.contrail.projections.streams.StreamsApps;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projection runtime's {@link StreamsApps}, configured as Contrail runs it: Spring Boot's Kafka Streams properties,
 * the application.id prefix, and a dead-letter handler per application (ADR 0025).
 */
@Configuration(proxyBeanMethods = false)
public class StreamsAppsConfiguration {

    @Bean
    StreamsApps streamsApps(KafkaProperties kafka, ContrailKafkaProperties contrail, MeterRegistry meters, DeadLetterPublisher deadLetters) {
        return configured(kafka, contrail, meters, deadLetters);
    }

    /** Every Kafka Streams application of Contrail is built by this, tests' included. */
    public static StreamsApps configured(KafkaProperties kafka, ContrailKafkaProperties contrail, MeterRegistry meters,
                                          DeadLetterPublisher deadLetters) {
        var ids = new ApplicationIds(contrail.applicationIdPrefix());
        // No record stops a topology (ADR 0025): one that cannot be deserialized or processed is dead-lettered, with
        // where it came from and its original bytes, and the application goes on.
        return new StreamsApps(kafka.buildStreamsProperties(), ids, meters, applicationId -> {
            Map<String, Object> properties = new HashMap<>(Map.of(
                    StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class,
                    StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class,
                    DeadLetterExceptionHandler.CONFIG, new StreamsDeadLetters(deadLetters, ids.stage(applicationId))));
            // Static membership (ADR 0033): Kafka Streams suffixes it with each stream thread's index.
            String groupInstanceId = contrail.groupInstanceId(applicationId);
            if (groupInstanceId != null) {
                properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
            }
            return properties;
        });
    }
}

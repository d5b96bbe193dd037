package dev.contrail.infrastructure.flighttracking.publishing;

import dev.contrail.schemas.Topics;
import java.util.Optional;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the axon-kafka-extension publishes domain events: which topic (or none) and in what shape. Only events
 * that are part of a context's published contract leave it; everything else stays in the event store.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter() {
        return new FlightTrackingKafkaMessageConverter();
    }

    @Bean
    TopicResolver topicResolver() {
        return message -> FlightTrackingEventMapper.isPublished(message.getPayload())
                ? Optional.of(Topics.FLIGHT_TRACKING_EVENTS)
                : Optional.empty();
    }
}

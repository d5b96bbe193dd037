package dev.contrail.infrastructure.publishing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the axon-kafka-extension publishes domain events: which topic (or none) and in what shape, decided by the
 * {@link PublishedEvents} each bounded context contributes. One publisher serves all contexts (one tracking
 * processor reads the one event store); only events that are part of a context's published contract leave it.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(List<PublishedEvents> contexts) {
        return new ContextRoutingConverter(List.copyOf(contexts));
    }

    /**
     * The publisher of axon-kafka-extension's auto-configuration, but waiting for the broker's acknowledgements once per
     * batch and for longer: with {@code axon.kafka.publisher.confirmation-mode: wait_for_ack} (application.yml) each
     * batch of events the publishing processor handles waits until Kafka has acknowledged every record before the
     * processor's token moves on, so a crash can repeat an event on its topic but never skip one (ADR 0026). The
     * extension waits for each event before sending the next, which caps publishing at a few hundred events per second;
     * {@link BatchAcknowledgedPublisher} sends the whole batch and then waits once (ADR 0041). A batch not acknowledged
     * within {@code contrail.kafka.publisher-ack-timeout} fails and is retried by the processor (the extension's 1 s
     * default fails needlessly on a loaded machine).
     */
    @Bean
    <K, V> KafkaPublisher<K, V> kafkaPublisher(@Qualifier("eventSerializer") Serializer eventSerializer, ProducerFactory<K, V> producerFactory, KafkaMessageConverter<K, V> kafkaMessageConverter,
                                               org.axonframework.config.Configuration configuration, TopicResolver topicResolver,
                                               @Value("${contrail.kafka.publisher-ack-timeout:10s}") Duration ackTimeout) {
        return BatchAcknowledgedPublisher.create(eventSerializer, producerFactory, kafkaMessageConverter,
                configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"), topicResolver, ackTimeout);
    }

    @Bean
    TopicResolver topicResolver(List<PublishedEvents> contexts) {
        return message -> contexts.stream()
                .filter(context -> context.publishes().test(message.getPayload()))
                .map(PublishedEvents::topic)
                .findFirst();
    }

    /** Writes with the converter of the context that publishes to the topic, reads with the one that owns it. */
    record ContextRoutingConverter(List<PublishedEvents> contexts) implements KafkaMessageConverter<String, byte[]> {

        @Override
        public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> message, String topic) {
            return owner(topic).converter().createKafkaMessage(message, topic);
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
            return owner(record.topic()).converter().readKafkaMessage(record);
        }

        private PublishedEvents owner(String topic) {
            return contexts.stream().filter(context -> context.topic().equals(topic)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No context publishes to " + topic));
        }
    }
}

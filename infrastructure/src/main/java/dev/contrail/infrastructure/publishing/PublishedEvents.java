package dev.contrail.infrastructure.publishing;

import java.util.function.Predicate;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * One bounded context's published language on Kafka: the topic its integration events go to, which of its domain
 * events are published there (the rest stay in the event store), and how a domain event becomes a record and back.
 * Each context contributes one as a bean; {@link PublishingConfiguration} routes Axon's publisher by them.
 *
 * @param topic     the context's integration-event topic
 * @param publishes whether a domain event payload is part of the contract
 * @param converter the shape of the records on {@code topic}
 */
public record PublishedEvents(String topic, Predicate<Object> publishes, KafkaMessageConverter<String, byte[]> converter) {
}

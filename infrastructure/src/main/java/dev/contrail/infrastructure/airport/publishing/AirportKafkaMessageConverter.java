package dev.contrail.infrastructure.airport.publishing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.Optional;
import dev.contrail.infrastructure.axon.TypeQualifiedEventStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MetaData;

/**
 * Shapes the Kafka record of a published Airport event (ADR 0015): key the airport's ident, value the Avro
 * {@link AirportEvent}, headers {@value #MESSAGE_ID_HEADER} and {@value #EVENT_TYPE_HEADER}.
 */
public class AirportKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    public static final String MESSAGE_ID_HEADER = "contrail-message-id";
    public static final String EVENT_TYPE_HEADER = "contrail-event-type";

    private final AvroSerde<AirportEvent> serde = AvroSerde.of(AirportEvent.class);

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> message, String topic) {
        if (!(message instanceof DomainEventMessage<?> domainMessage)) {
            throw new IllegalArgumentException("Only aggregate events are published to " + topic + ", got " + message.getPayloadType());
        }
        AirportEvent event = AirportEventMapper.toIntegrationEvent(message.getPayload(), message.getIdentifier(),
                        TypeQualifiedEventStore.unqualified(domainMessage.getAggregateIdentifier()), domainMessage.getSequenceNumber(), message.getTimestamp())
                .orElseThrow(() -> new IllegalArgumentException(message.getPayloadType().getName() + " is not a published event"));
        var headers = new RecordHeaders()
                .add(MESSAGE_ID_HEADER, message.getIdentifier().getBytes(UTF_8))
                .add(EVENT_TYPE_HEADER, event.getPayload().getClass().getSimpleName().getBytes(UTF_8));
        return new ProducerRecord<>(topic, null, message.getTimestamp().toEpochMilli(), event.getAirportIdent(),
                serde.serializer().serialize(topic, event), headers);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        AirportEvent event = serde.deserializer().deserialize(record.topic(), record.value());
        if (event == null) {
            return Optional.empty();
        }
        String type = event.getAggregateId().equals(event.getAirportIdent()) ? "Airport" : "Movement";
        return Optional.of(new GenericDomainEventMessage<>(type, event.getAggregateId(), event.getSequence(),
                AirportEventMapper.toDomainEvent(event), MetaData.emptyInstance(), event.getEventId(), event.getOccurredAt()));
    }
}

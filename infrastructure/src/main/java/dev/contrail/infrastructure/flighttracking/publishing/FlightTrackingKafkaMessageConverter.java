package dev.contrail.infrastructure.flighttracking.publishing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Shapes the Kafka record of a published Flight Tracking event (ADR 0004): key icao24, value the Avro
 * {@link FlightTrackingEvent} in single-object encoding, headers {@value #MESSAGE_ID_HEADER} and
 * {@value #EVENT_TYPE_HEADER} for tracing.
 */
public class FlightTrackingKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    public static final String MESSAGE_ID_HEADER = "contrail-message-id";
    public static final String EVENT_TYPE_HEADER = "contrail-event-type";
    private static final String AGGREGATE_TYPE = "Aircraft";

    private final AvroSerde<FlightTrackingEvent> serde = AvroSerde.of(FlightTrackingEvent.class);

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> message, String topic) {
        if (!(message instanceof DomainEventMessage<?> domainMessage)) {
            throw new IllegalArgumentException("Only aggregate events are published to " + topic + ", got " + message.getPayloadType());
        }
        FlightTrackingEvent event = FlightTrackingEventMapper
                .toIntegrationEvent(message.getPayload(), message.getIdentifier(), domainMessage.getSequenceNumber())
                .orElseThrow(() -> new IllegalArgumentException(message.getPayloadType().getName() + " is not a published event"));
        var headers = new RecordHeaders()
                .add(MESSAGE_ID_HEADER, message.getIdentifier().getBytes(UTF_8))
                .add(EVENT_TYPE_HEADER, event.getPayload().getClass().getSimpleName().getBytes(UTF_8));
        return new ProducerRecord<>(topic, null, message.getTimestamp().toEpochMilli(), event.getIcao24(),
                serde.serializer().serialize(topic, event), headers);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        FlightTrackingEvent event = serde.deserializer().deserialize(record.topic(), record.value());
        if (event == null) {
            return Optional.empty();
        }
        return Optional.of(new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.getIcao24(), event.getSequence(),
                FlightTrackingEventMapper.toDomainEvent(event), org.axonframework.messaging.MetaData.emptyInstance(),
                event.getEventId(), event.getOccurredAt()));
    }
}

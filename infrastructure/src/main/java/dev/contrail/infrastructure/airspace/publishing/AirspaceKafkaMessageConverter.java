package dev.contrail.infrastructure.airspace.publishing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.infrastructure.axon.TypeQualifiedEventStore;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MetaData;

/**
 * Shapes the Kafka record of a published Airspace event: key per {@link AirspaceEventMapper#keyOf}, value the Avro
 * {@link AirspaceEvent} in single-object encoding, the same tracing headers as Flight Tracking's.
 */
public class AirspaceKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    public static final String MESSAGE_ID_HEADER = "contrail-message-id";
    public static final String EVENT_TYPE_HEADER = "contrail-event-type";

    private final AvroSerde<AirspaceEvent> serde = AvroSerde.of(AirspaceEvent.class);

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> message, String topic) {
        if (!(message instanceof DomainEventMessage<?> domainMessage)) {
            throw new IllegalArgumentException("Only aggregate events are published to " + topic + ", got " + message.getPayloadType());
        }
        AirspaceEvent event = AirspaceEventMapper.toIntegrationEvent(message.getPayload(), message.getIdentifier(),
                sourceOf(domainMessage), domainMessage.getSequenceNumber());
        var headers = new RecordHeaders()
                .add(MESSAGE_ID_HEADER, message.getIdentifier().getBytes(UTF_8))
                .add(EVENT_TYPE_HEADER, event.getPayload().getClass().getSimpleName().getBytes(UTF_8));
        return new ProducerRecord<>(topic, null, message.getTimestamp().toEpochMilli(), AirspaceEventMapper.keyOf(event),
                serde.serializer().serialize(topic, event), headers);
    }

    /** The volume's source, from the identifier it has in the event store: {@code airspace:<source>/<id>} (ADR 0021). */
    static String sourceOf(DomainEventMessage<?> message) {
        String volumeId = TypeQualifiedEventStore.unqualified(message.getAggregateIdentifier());
        return volumeId.indexOf(AirspaceVolume.SOURCE_SEPARATOR) < 0 ? null : AirspaceVolume.sourceOf(volumeId);
    }

    /** Other contexts read {@code airspace.events} with the Avro contract, not through Axon: the integration event as is. */
    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        AirspaceEvent event = serde.deserializer().deserialize(record.topic(), record.value());
        return event == null ? Optional.empty() : Optional.of(new GenericEventMessage<>(event, MetaData.emptyInstance()));
    }
}

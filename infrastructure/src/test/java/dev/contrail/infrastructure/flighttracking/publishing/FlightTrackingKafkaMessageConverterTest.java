package dev.contrail.infrastructure.flighttracking.publishing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class FlightTrackingKafkaMessageConverterTest {

    private static final String TOPIC = "flight-tracking.events";
    private static final Instant DETECTED_AT = Instant.ofEpochSecond(1678803647L);
    private static final Position POSITION = new Position(38.8778, -77.3974, 7010.4, 6659.88);

    private static final FlightDetected FLIGHT_DETECTED = new FlightDetected("a65527", "a65527-1678803647", DETECTED_AT,
            "NKS2003", "United States", POSITION, false, 187.84, 208.46, 0.0, "0260");
    private static final PositionReported POSITION_REPORTED = new PositionReported("a65527", "a65527-1678803647",
            DETECTED_AT.plusSeconds(5), new Position(38.8712, -77.4021, 7100.0, null), false, 190.2, 208.5, 1.3);

    private final FlightTrackingKafkaMessageConverter converter = new FlightTrackingKafkaMessageConverter();

    @Test
    void publishesADomainEventOnTheGivenTopicKeyedByIcao24() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(aircraftEvent(3, FLIGHT_DETECTED), TOPIC);

        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo("a65527");
    }

    @Test
    void writesTheAvroEnvelopeWithTheAggregateSequenceAndTheMessageIdAsEventId() {
        DomainEventMessage<FlightDetected> message = aircraftEvent(3, FLIGHT_DETECTED);

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, TOPIC);

        FlightTrackingEvent event = AvroSerde.of(FlightTrackingEvent.class).deserialize(TOPIC, record.value());
        assertThat(event.getSequence()).isEqualTo(3L);
        assertThat(event.getEventId()).isEqualTo(message.getIdentifier());
        assertThat(event.getIcao24()).isEqualTo("a65527");
        assertThat(event.getFlightId()).isEqualTo("a65527-1678803647");
        assertThat(event.getOccurredAt()).isEqualTo(DETECTED_AT);
        assertThat(event.getPayload()).isInstanceOfSatisfying(dev.contrail.schemas.flighttracking.FlightDetected.class,
                payload -> assertThat(payload.getCallsign()).isEqualTo("NKS2003"));
    }

    @Test
    void tagsTheRecordWithTheMessageIdAndTheEventType() {
        DomainEventMessage<FlightDetected> message = aircraftEvent(3, FLIGHT_DETECTED);

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, TOPIC);

        assertThat(header(record, FlightTrackingKafkaMessageConverter.MESSAGE_ID_HEADER)).isEqualTo(message.getIdentifier());
        assertThat(header(record, FlightTrackingKafkaMessageConverter.EVENT_TYPE_HEADER)).isEqualTo("FlightDetected");
    }

    @Test
    void namesPositionReportedInTheEventTypeHeader() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(aircraftEvent(4, POSITION_REPORTED), TOPIC);

        assertThat(header(record, FlightTrackingKafkaMessageConverter.EVENT_TYPE_HEADER)).isEqualTo("PositionReported");
    }

    @Test
    void readsBackAFlightDetectedEqualToTheOneItWrote() {
        DomainEventMessage<FlightDetected> message = aircraftEvent(3, FLIGHT_DETECTED);

        EventMessage<?> read = roundTrip(message);

        assertThat(read.getPayload()).isEqualTo(FLIGHT_DETECTED);
        assertThat(read.getIdentifier()).isEqualTo(message.getIdentifier());
        assertThat(read).isInstanceOfSatisfying(DomainEventMessage.class, domain -> {
            assertThat(domain.getAggregateIdentifier()).isEqualTo("a65527");
            assertThat(domain.getSequenceNumber()).isEqualTo(3L);
            assertThat(domain.getType()).isEqualTo("Aircraft");
        });
    }

    @Test
    void readsBackAPositionReportedEqualToTheOneItWrote() {
        EventMessage<?> read = roundTrip(aircraftEvent(4, POSITION_REPORTED));

        assertThat(read.getPayload()).isEqualTo(POSITION_REPORTED);
    }

    @Test
    void readsBackAFlightDetectedWithoutPosition() {
        FlightDetected noPosition = new FlightDetected("a65527", "a65527-1678803647", DETECTED_AT, null, "United States",
                null, true, null, null, null, null);

        EventMessage<?> read = roundTrip(aircraftEvent(0, noPosition));

        assertThat(read.getPayload()).isEqualTo(noPosition);
    }

    @Test
    void readsATombstoneAsNoMessage() {
        Optional<EventMessage<?>> read = converter.readKafkaMessage(new ConsumerRecord<>(TOPIC, 0, 0L, "a65527", null));

        assertThat(read).isEmpty();
    }

    @Test
    void refusesAnEventThatIsNotAnAggregateEvent() {
        EventMessage<FlightDetected> notFromAnAggregate = GenericEventMessage.asEventMessage(FLIGHT_DETECTED);

        assertThatIllegalArgumentException().isThrownBy(() -> converter.createKafkaMessage(notFromAnAggregate, TOPIC));
    }

    @Test
    void refusesAnAggregateEventThatIsNotPartOfThePublishedContract() {
        DomainEventMessage<String> internal = new GenericDomainEventMessage<>("Aircraft", "a65527", 5, "something internal");

        assertThatIllegalArgumentException().isThrownBy(() -> converter.createKafkaMessage(internal, TOPIC))
                .withMessageContaining("is not a published event");
    }

    private EventMessage<?> roundTrip(DomainEventMessage<?> message) {
        ProducerRecord<String, byte[]> written = converter.createKafkaMessage(message, TOPIC);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(written.topic(), 0, 42L, written.key(), written.value());
        return converter.readKafkaMessage(received).orElseThrow();
    }

    private static <T> DomainEventMessage<T> aircraftEvent(long sequence, T payload) {
        return new GenericDomainEventMessage<>("Aircraft", "a65527", sequence, payload);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        assertThat(record.headers().lastHeader(name)).as("header " + name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}

package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.TopicReader;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * STACK.md trap 5: the axon-kafka-extension's publisher skips events while its processor replays, and since
 * Axon 4.9 a new streaming processor starts with a ReplayToken. On a database with no events and no tokens,
 * the first event an aircraft applies must still reach the Flight Tracking topic.
 */
class KafkaPublishingOnFreshDatabaseIT extends ContrailIntegrationTest {

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProducerFactory<?, ?> axonProducerFactory;

    @Autowired
    private KafkaPublisher<?, ?> kafkaPublisher;

    @Test
    void thePublisherMovesOnOnlyOnceKafkaHasAcknowledgedWhatItSent() throws Exception {
        // Unset, the extension sends and moves its token on without waiting: a crash could lose published events (ADR 0026).
        assertThat(axonProducerFactory.confirmationMode()).isEqualTo(ConfirmationMode.WAIT_FOR_ACK);
        Field timeout = KafkaPublisher.class.getDeclaredField("publisherAckTimeout");
        timeout.setAccessible(true);
        assertThat(timeout.getLong(kafkaPublisher)).isEqualTo(Duration.ofSeconds(10).toMillis());
    }

    @Test
    void theFirstEventOnAFreshDatabaseIsPublishedToKafka() {
        // The context started on a database of its own with no events and no tokens (ContrailIntegrationTest). Other
        // aircraft may arrive meanwhile from observations earlier test classes left on the shared broker; this one has none.
        String icao24 = Aircraft.uniqueIcao24();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'aircraft:' || ?", Long.class, icao24)).isZero();
        Instant observedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        commands.sendAndWait(new RecordObservation(new Observation(Icao24.of(icao24), observedAt, "UAL1744", "United States",
                new Position(38.9445, -77.4558, 95.0, 120.0), true, 0.0, 12.5, 0.0, "1200")));

        ConsumerRecord<String, byte[]> published = TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS,
                record -> icao24.equals(record.key()), Duration.ofSeconds(60)).orElseThrow();
        FlightTrackingEvent event = AvroSerde.of(FlightTrackingEvent.class).deserializer().deserialize(Topics.FLIGHT_TRACKING_EVENTS,
                published.value());
        assertThat(event.getSequence()).isZero();
        assertThat(event.getFlightId()).isEqualTo(icao24 + "-" + observedAt.getEpochSecond());
        assertThat(event.getOccurredAt()).isEqualTo(observedAt);
        assertThat(event.getPayload()).isInstanceOfSatisfying(FlightDetected.class, detected -> {
            assertThat(detected.getCallsign()).isEqualTo("UAL1744");
            assertThat(detected.getOnGround()).isTrue();
            assertThat(detected.getSquawk()).isEqualTo("1200");
        });
        assertThat(TopicReader.header(published, "contrail-event-type")).isEqualTo("FlightDetected");
    }
}

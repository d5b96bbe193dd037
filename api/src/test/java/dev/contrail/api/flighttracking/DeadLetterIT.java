package dev.contrail.api.flighttracking;

import static dev.contrail.api.support.TopicReader.deadLetterOf;
import static dev.contrail.api.support.TopicReader.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.api.support.TopicReader;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/** Bad input on the raw topic is not dropped silently and does not stop ingestion. */
// Health details are the admin's (ADR 0027).
@TestPropertySource(properties = "contrail.admin.password=dead-letter-it")
class DeadLetterIT extends ContrailIntegrationTest {

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aStateVectorWithALatitudeOf999GoesToTheDeadLetterTopicWithItsReasonAndOriginalBytes() {
        OpenSkyStateVector offTheGlobe = RawStateVectors.overDulles(Aircraft.uniqueIcao24(), Instant.now().getEpochSecond())
                .setLatitude(999.0).build();
        byte[] original = AvroSerde.of(OpenSkyStateVector.class).serializer().serialize(Topics.OPENSKY_STATE_VECTORS, offTheGlobe);

        try (var raw = new RawStateVectors(bootstrapServers)) {
            raw.sendBytes(offTheGlobe.getIcao24(), original);
        }

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.find(bootstrapServers, Topics.DEAD_LETTERS, deadLetterOf(original),
                Duration.ofSeconds(60)).orElseThrow();
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("latitude must be within [-90, 90], was 999.0");
        assertThat(header(deadLetter, DeadLetterHeaders.STAGE)).isEqualTo("refinement");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE)).startsWith(Topics.OPENSKY_STATE_VECTORS + "-");
        assertThat(meters.get(DeadLetterPublisher.METRIC).tag("stage", "refinement").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(RestClient.create("http://localhost:" + port).get().uri("/actuator/health")
                .headers(headers -> headers.setBasicAuth("admin", "dead-letter-it")).retrieve().body(String.class))
                .as("the service stays up").contains("\"status\":\"UP\"").contains("\"kafkaStreams\"");
    }

    @Test
    void bytesThatAreNotAStateVectorGoToTheDeadLetterTopicAndIngestionCarriesOn() {
        byte[] garbage = ("{\"not\": \"avro\", \"id\": \"" + Aircraft.uniqueIcao24() + "\"}").getBytes(UTF_8);
        String icao24 = Aircraft.uniqueIcao24();

        try (var raw = new RawStateVectors(bootstrapServers)) {
            raw.sendBytes(icao24, garbage);
            raw.send(RawStateVectors.overDulles(icao24, Instant.now().getEpochSecond()).build());
        }

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.find(bootstrapServers, Topics.DEAD_LETTERS, deadLetterOf(garbage),
                Duration.ofSeconds(60)).orElseThrow();
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).startsWith("not an OpenSkyStateVector");

        // The good state vector behind it still made it to the read model.
        RestClient client = RestClient.create(graphQlHttpUrl());
        Map<String, String> query = Map.of("query", "{ flight(icao24: \"" + icao24 + "\") { icao24 } }");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(client.post().contentType(MediaType.APPLICATION_JSON).body(query).retrieve().body(String.class))
                        .contains("\"icao24\":\"" + icao24 + "\""));
    }

    @Test
    void aStateVectorTwoHoursAheadIsDeadLetteredAndTheNextGoodOneBecomesAnObservationAndADomainEvent() {
        // Issue 13: its last_contact became the intake's record timestamp, which Kafka refused (more than an hour ahead):
        // the flight-tracking intake stopped for good, and no aircraft got a domain event again.
        String icao24 = Aircraft.uniqueIcao24();
        String another = Aircraft.uniqueIcao24();
        long now = Instant.now().getEpochSecond();
        OpenSkyStateVector fromTheFuture = RawStateVectors.overDulles(icao24, now + 7200).build();
        byte[] original = AvroSerde.of(OpenSkyStateVector.class).serializer().serialize(Topics.OPENSKY_STATE_VECTORS, fromTheFuture);

        try (var raw = new RawStateVectors(bootstrapServers)) {
            raw.sendBytes(icao24, original);
            raw.send(RawStateVectors.overDulles(icao24, now).build());
            raw.send(RawStateVectors.overDulles(another, now + 1).build());
        }

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.find(bootstrapServers, Topics.DEAD_LETTERS, deadLetterOf(original),
                Duration.ofSeconds(120)).orElseThrow();
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).startsWith("last_contact " + Instant.ofEpochSecond(now + 7200) + " is ")
                .contains("s ahead of the server's clock");
        var observations = AvroSerde.of(AircraftObservation.class);
        assertThat(TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_OBSERVATIONS, record -> record.key().equals(icao24),
                Duration.ofSeconds(120)).orElseThrow()).satisfies(record -> assertThat(
                        observations.deserializer().deserialize(record.topic(), record.value()).getObservedAt()).isEqualTo(Instant.ofEpochSecond(now)));
        var events = AvroSerde.of(FlightTrackingEvent.class);
        for (String aircraft : new String[] {icao24, another}) {
            assertThat(TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS, record -> record.key().equals(aircraft)
                            && events.deserializer().deserialize(record.topic(), record.value()).getPayload() instanceof FlightDetected,
                    Duration.ofSeconds(120))).as("FlightDetected of " + aircraft).isPresent();
        }
    }
}

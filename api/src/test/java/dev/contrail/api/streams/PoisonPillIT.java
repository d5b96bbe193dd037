package dev.contrail.api.streams;

import static dev.contrail.api.support.TopicReader.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.TopicReader;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.airport.AirportData;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.AirportRegistered;
import dev.contrail.schemas.airport.AirportType;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.AirspaceRetired;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No record stops a topology (ADR 0025), on the real broker and PostgreSQL: on each topic Contrail's topologies read,
 * a poison pill — bytes that are not Avro, or a valid record that a read model or the domain refuses — goes to the
 * dead-letter topic once per application that read it, with its topic, partition, offset, key and original bytes,
 * and every one of those applications goes on to process (and commit) the good record sent right behind it, on the
 * same partition. (The raw topic is refinement's, covered by {@code DeadLetterIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonPillIT extends ContrailIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(240);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private StreamsApps apps;

    @Autowired
    private ProjectionRegistry projections;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    @BeforeAll
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @AfterAll
    void disconnect() {
        producer.close();
        admin.close();
    }

    @Test
    void observations() {
        String icao24 = Aircraft.uniqueIcao24();
        Map<String, String> readers = Map.of(
                "flight-tracking-intake", apps.applicationId("flight-tracking-intake"),
                "live-flights", projections.servingApplicationId("live-flights"),
                "flight-tracks", projections.servingApplicationId("flight-tracks"),
                "traffic-stats", projections.servingApplicationId("traffic-stats"));

        RecordMetadata garbage = send(Topics.FLIGHT_TRACKING_OBSERVATIONS, icao24, notAvro());
        // Valid Avro, but an icao24 of 7 characters: the domain refuses it, and so do the read models' VARCHAR(6) columns.
        byte[] refused = AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation(icao24 + "f"));
        RecordMetadata refusedAt = send(Topics.FLIGHT_TRACKING_OBSERVATIONS, icao24, refused);
        RecordMetadata good = send(Topics.FLIGHT_TRACKING_OBSERVATIONS, icao24,
                AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation(icao24)));

        assertDeadLettered(garbage, icao24, notAvro(), readers.keySet(), "SerializationException: Cannot deserialize AircraftObservation");
        assertDeadLettered(refusedAt, icao24, refused, readers.keySet(), null);
        assertCommittedPast(good, readers.values());
        // And the good record is in every read model.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM live_flight WHERE icao24 = ? AND last_seen IS NOT NULL", icao24)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM track_point WHERE icao24 = ?", icao24)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM traffic_minute WHERE icao24 = ?", icao24)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM live_flight WHERE icao24 = ? AND flight_id IS NOT NULL", icao24))
                    .as("the intake detected its flight, and live-flights read the event").isEqualTo(1);
        });
        assertThat(meters.get(DeadLetterPublisher.METRIC).tag("stage", "live-flights").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void flightTrackingEvents() {
        String icao24 = Aircraft.uniqueIcao24();
        Map<String, String> readers = Map.of(
                "airport-intake", apps.applicationId("airport-intake"),
                "airspace-presence", apps.applicationId("airspace-presence"),
                "live-flights", projections.servingApplicationId("live-flights"),
                "flight-history", projections.servingApplicationId("flight-history"),
                "emergencies", projections.servingApplicationId("emergencies"),
                "airport-flights", projections.servingApplicationId("airport-flights"));

        RecordMetadata garbage = send(Topics.FLIGHT_TRACKING_EVENTS, icao24, notAvro());
        // Valid Avro, but a callsign of 10 characters: live_flight.callsign is VARCHAR(8); until now this crash-looped live-flights.
        byte[] refused = AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, detected(icao24, 1, "UAL1744XYZ"));
        RecordMetadata refusedAt = send(Topics.FLIGHT_TRACKING_EVENTS, icao24, refused);
        RecordMetadata good = send(Topics.FLIGHT_TRACKING_EVENTS, icao24,
                AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, detected(icao24, 2, "UAL1744")));

        assertDeadLettered(garbage, icao24, notAvro(), readers.keySet(), "SerializationException: Cannot deserialize FlightTrackingEvent");
        assertDeadLettered(refusedAt, icao24, refused, Set.of("live-flights"), "value too long");
        assertCommittedPast(good, readers.values());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT callsign FROM live_flight WHERE icao24 = ?", String.class, icao24)).isEqualTo("UAL1744");
            // flight.callsign is TEXT: flight-history took the long callsign, and read the next event too (offsets above).
            assertThat(count("SELECT count(*) FROM flight WHERE flight_id = ?", icao24 + "-poison")).isEqualTo(1);
        });
    }

    @Test
    void airportEvents() {
        String ident = "ZZ" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Map<String, String> readers = Map.of(
                "airports", projections.servingApplicationId("airports"),
                "airport-movements", projections.servingApplicationId("airport-movements"),
                "airport-flights", projections.servingApplicationId("airport-flights"));

        RecordMetadata garbage = send(Topics.AIRPORT_EVENTS, ident, notAvro());
        RecordMetadata good = send(Topics.AIRPORT_EVENTS, ident, AvroSerde.of(AirportEvent.class).serialize(Topics.AIRPORT_EVENTS,
                AirportEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAirportIdent(ident).setAggregateId(ident).setSequence(0)
                        .setOccurredAt(Instant.now()).setPayload(AirportRegistered.newBuilder().setAirport(AirportData.newBuilder()
                                .setType(AirportType.SMALL_AIRPORT).setName("Poison Pill Field").setLatitude(10.0).setLongitude(10.0)
                                .setRunways(List.of()).build()).build())
                        .build()));

        assertDeadLettered(garbage, ident, notAvro(), readers.keySet(), "SerializationException: Cannot deserialize AirportEvent");
        assertCommittedPast(good, readers.values());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM airport WHERE ident = ?", ident)).isEqualTo(1));
    }

    @Test
    void airspaceEvents() {
        String airspaceId = "poison-" + UUID.randomUUID();
        Map<String, String> readers = Map.of(
                "airspace-definitions", projections.servingApplicationId("airspace-definitions"),
                "airspace-occupancy", projections.servingApplicationId("airspace-occupancy"),
                "airspace-traffic", projections.servingApplicationId("airspace-traffic"));

        RecordMetadata garbage = send(Topics.AIRSPACE_EVENTS, airspaceId, notAvro());
        RecordMetadata good = send(Topics.AIRSPACE_EVENTS, airspaceId, AvroSerde.of(AirspaceEvent.class).serialize(Topics.AIRSPACE_EVENTS,
                AirspaceEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAirspaceId(airspaceId).setSequence(0)
                        .setOccurredAt(Instant.now()).setPayload(AirspaceRetired.newBuilder().build()).build()));

        assertDeadLettered(garbage, airspaceId, notAvro(), readers.keySet(), "SerializationException: Cannot deserialize AirspaceEvent");
        assertCommittedPast(good, readers.values());
    }

    private RecordMetadata send(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each of {@code stages} dead-lettered the record at {@code at}, with its coordinates, key and original bytes. */
    private void assertDeadLettered(RecordMetadata at, String key, byte[] original, Set<String> stages, String reasonStart) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readAll(bootstrapServers, Topics.DEAD_LETTERS).stream()
                    .filter(record -> at.topic().equals(header(record, DeadLetterHeaders.TOPIC))
                            && String.valueOf(at.partition()).equals(header(record, DeadLetterHeaders.PARTITION))
                            && String.valueOf(at.offset()).equals(header(record, DeadLetterHeaders.OFFSET)))
                    .toList();
            assertThat(deadLetters.stream().map(record -> header(record, DeadLetterHeaders.STAGE)).collect(Collectors.toSet()))
                    .containsAll(stages);
            assertThat(deadLetters).allSatisfy(deadLetter -> {
                assertThat(deadLetter.value()).isEqualTo(original);
                assertThat(header(deadLetter, DeadLetterHeaders.KEY)).isEqualTo(key);
                assertThat(deadLetter.key()).isEqualTo(at.topic() + "-" + at.partition() + "@" + at.offset());
                assertThat(header(deadLetter, DeadLetterHeaders.SOURCE)).isEqualTo(deadLetter.key());
                assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isNotBlank();
                if (reasonStart != null && stages.contains(header(deadLetter, DeadLetterHeaders.STAGE))) {
                    assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains(reasonStart);
                }
            });
        });
    }

    /** Every application reading the topic committed its offsets past the good record: it processed it, and went on. */
    private void assertCommittedPast(RecordMetadata good, Iterable<String> groups) {
        TopicPartition partition = new TopicPartition(good.topic(), good.partition());
        for (String group : groups) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(partition)).as("%s's committed offset on %s", group, partition).isNotNull();
                assertThat(committed.get(partition).offset()).as("%s's committed offset on %s", group, partition).isGreaterThan(good.offset());
            });
        }
    }

    private long count(String sql, String argument) {
        return jdbc.queryForObject(sql, Long.class, argument);
    }

    private static byte[] notAvro() {
        return "{\"icao24\": \"not avro at all\"}".getBytes(UTF_8);
    }

    private static AircraftObservation observation(String icao24) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return AircraftObservation.newBuilder().setIcao24(icao24).setObservedAt(now).setPositionAt(now).setCallsign("UAL1744")
                .setLatitude(38.8778).setLongitude(-77.3974).setBarometricAltitudeM(7010.4).setOnGround(false).setGroundSpeedMps(187.84)
                .setSource("poison-pill-it").build();
    }

    private static FlightTrackingEvent detected(String icao24, long sequence, String callsign) {
        return FlightTrackingEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setIcao24(icao24).setFlightId(icao24 + "-poison")
                .setSequence(sequence).setOccurredAt(Instant.now())
                .setPayload(FlightDetected.newBuilder().setCallsign(callsign).setOnGround(false)
                        .setPosition(Position.newBuilder().setLatitude(38.8778).setLongitude(-77.3974).build()).build())
                .build();
    }
}

package dev.contrail.infrastructure.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.SchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * ADR 0025 on a topology: a record that cannot be deserialized, or whose processing fails for good, is dead-lettered
 * with where it came from and its original bytes, and the next record is processed; a transient failure is not.
 */
class DeadLetterExceptionHandlerTest {

    private static final String TOPIC = Topics.FLIGHT_TRACKING_OBSERVATIONS;
    private static final AvroSerde<AircraftObservation> SERDE = AvroSerde.of(AircraftObservation.class);

    @TempDir
    Path stateDir;

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> processed = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;

    @BeforeEach
    void startTopology() {
        var publisher = new DeadLetterPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), meters);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TOPIC, Consumed.with(Serdes.String(), SERDE)).foreach((icao24, observation) -> {
            if (observation.getCallsign().length() > 8) {
                throw new IllegalArgumentException("callsign longer than 8 characters: " + observation.getCallsign());
            }
            if (observation.getCallsign().equals("DBDOWN")) {
                throw new IllegalStateException("write failed", new SQLException("the database system is shutting down", "57P03"));
            }
            processed.add(icao24);
        });
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-handler-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        config.put(DeadLetterExceptionHandler.CONFIG, new StreamsDeadLetters(publisher, "live-flights",
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1))));
        driver = new TopologyTestDriver(builder.build(), config);
        input = driver.createInputTopic(TOPIC, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void bytesThatAreNotAvroAreDeadLetteredWithWhereTheyCameFromAndTheNextRecordIsProcessed() {
        byte[] garbage = "{\"icao24\": \"a1b2c3\"}".getBytes(UTF_8);
        input.pipeInput("a1b2c3", garbage);
        input.pipeInput("a1b2c4", observation("a1b2c4", "UAL1744"));

        ProducerRecord<String, byte[]> deadLetter = producer.history().get(0);
        assertThat(producer.history()).hasSize(1);
        assertThat(deadLetter.topic()).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(deadLetter.key()).isEqualTo(TOPIC + "-0@0");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON))
                .startsWith("SerializationException: Cannot deserialize AircraftObservation from topic " + TOPIC + ": not an Avro");
        assertThat(header(deadLetter, DeadLetterHeaders.STAGE)).isEqualTo("live-flights");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE)).isEqualTo(TOPIC + "-0@0");
        assertThat(header(deadLetter, DeadLetterHeaders.TOPIC)).isEqualTo(TOPIC);
        assertThat(header(deadLetter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetterHeaders.KEY)).isEqualTo("a1b2c3");
        assertThat(processed).containsExactly("a1b2c4");
        assertThat(meters.get(DeadLetterPublisher.METRIC).tag("stage", "live-flights").counter().count()).isEqualTo(1);
    }

    @Test
    void aRecordWhoseProcessingFailsForGoodIsDeadLetteredWithItsOriginalBytesAndTheNextRecordIsProcessed() {
        byte[] tooLong = observation("a1b2c5", "UAL174400");
        input.pipeInput("a1b2c5", tooLong);
        input.pipeInput("a1b2c6", observation("a1b2c6", "UAL1744"));

        assertThat(producer.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(tooLong);
            assertThat(header(deadLetter, DeadLetterHeaders.REASON))
                    .isEqualTo("IllegalArgumentException: callsign longer than 8 characters: UAL174400");
            assertThat(header(deadLetter, DeadLetterHeaders.OFFSET)).isEqualTo("0");
            assertThat(header(deadLetter, DeadLetterHeaders.KEY)).isEqualTo("a1b2c5");
        });
        assertThat(processed).containsExactly("a1b2c6");
    }

    @Test
    void aTransientFailureIsNotDeadLetteredButFailsTheThreadSoThatTheRecordIsProcessedAgain() {
        assertThatThrownBy(() -> input.pipeInput("a1b2c7", observation("a1b2c7", "DBDOWN")))
                .hasRootCauseInstanceOf(SQLException.class);

        assertThat(producer.history()).isEmpty();
        assertThat(processed).isEmpty();
    }

    /** ADR 0037: a schema registry out of reach is not the record's fault; the record is read again later, not dead-lettered. */
    @Test
    void aRecordWhoseSchemaRegistryIsOutOfReachIsNotDeadLetteredButReadAgain() throws java.io.IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AvroSerde.useSchemaRegistry(new SchemaRegistry(java.net.URI.create("http://127.0.0.1:" + closedPort + "/apis/ccompat/v7")));
        try {
            byte[] confluentWireFormat = {0, 0, 0, 0, 42, 2, 3};
            assertThatThrownBy(() -> input.pipeInput("a1b2c9", confluentWireFormat))
                    .hasStackTraceContaining("unreachable");

            assertThat(producer.history()).isEmpty();
            assertThat(processed).isEmpty();
        } finally {
            AvroSerde.useSchemaRegistry(null);
        }
    }

    @Test
    void whenTheDeadLetterCannotBeSentTheRecordIsNotSkipped() {
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("broker unreachable");
        assertThatThrownBy(() -> input.pipeInput("a1b2c8", "not avro".getBytes(UTF_8)));
        assertThat(processed).isEmpty();
    }

    private static byte[] observation(String icao24, String callsign) {
        return SERDE.serialize(TOPIC, AircraftObservation.newBuilder()
                .setIcao24(icao24)
                .setObservedAt(Instant.ofEpochSecond(1_700_000_000))
                .setPositionAt(Instant.ofEpochSecond(1_700_000_000))
                .setCallsign(callsign)
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setOnGround(false)
                .setSource("test")
                .build());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}

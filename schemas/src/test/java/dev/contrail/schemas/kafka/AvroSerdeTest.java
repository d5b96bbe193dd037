package dev.contrail.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.contrail.schemas.ContractHistory;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    private static final String TOPIC = "test-topic";

    /** Spirit 2003 climbing out of Dulles, as OpenSky saw it. */
    private static final Instant OBSERVED_AT = Instant.parse("2024-04-24T23:06:40Z");

    private static final Position POSITION = Position.newBuilder()
            .setLatitude(38.8778).setLongitude(-77.3974)
            .setBarometricAltitudeM(1226.82).setGeometricAltitudeM(1280.16)
            .build();

    static Stream<Named<SpecificRecord>> records() {
        return Stream.of(
                Named.of("OpenSkyStateVector", stateVector()),
                Named.of("AircraftObservation", observation()),
                Named.of("FlightTrackingEvent with FlightDetected", event(1, FlightDetected.newBuilder()
                        .setCallsign("NKS2003").setOriginCountry("United States").setPosition(POSITION)
                        .setOnGround(false).setGroundSpeedMps(97.5).setTrackDeg(12.3).setVerticalRateMps(7.8)
                        .setSquawk("3051")
                        .build())),
                Named.of("FlightTrackingEvent with PositionReported", event(2, PositionReported.newBuilder()
                        .setPosition(POSITION).setOnGround(false).setGroundSpeedMps(97.5)
                        .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void roundTrips(SpecificRecord record) {
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void tombstonesStayNull() {
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);

        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void writesSingleObjectEncoding() {
        byte[] bytes = AvroSerde.of(AircraftObservation.class).serialize(TOPIC, observation());

        assertThat(bytes).startsWith(0xC3, 0x01);
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRejected() {
        byte[] json = "{\"icao24\":\"a65527\"}".getBytes(StandardCharsets.UTF_8);

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class).deserialize(TOPIC, json))
                .withMessageContaining("AircraftObservation")
                .withMessageContaining(TOPIC)
                .withMessageContaining("not an Avro single-object encoded message");
    }

    @Test
    void truncatedMessageIsRejected() {
        byte[] bytes = AvroSerde.of(AircraftObservation.class).serialize(TOPIC, observation());

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class)
                        .deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length / 2)))
                .withMessageContaining("malformed or incompatible payload");
    }

    /** A message on the wrong topic: its fingerprint is known, but it is another contract. */
    @Test
    void messageOfAnotherContractIsRejected() {
        byte[] stateVector = AvroSerde.of(OpenSkyStateVector.class).serialize(TOPIC, stateVector());

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class).deserialize(TOPIC, stateVector))
                .withMessageContaining("malformed or incompatible payload");
    }

    /**
     * What ContractHistory is for: a consumer reading what a producer with an older schema wrote. The older version
     * is made up here (today's AircraftObservation without squawk), so that the test does not wait for a real v2.
     */
    @Test
    void readsMessagesWrittenWithAnOlderVersion() throws IOException {
        Schema older = withoutField(AircraftObservation.getClassSchema(), "squawk");
        GenericRecord written = new GenericRecordBuilder(older)
                .set("icao24", "a65527")
                .set("observedAt", OBSERVED_AT.toEpochMilli()) // GenericData has no conversions: the raw long
                .set("callsign", "NKS2003")
                .set("latitude", 38.8778)
                .set("longitude", -77.3974)
                .set("onGround", false)
                .set("source", "live:opensky")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(written, out);
        byte[] bytes = out.toByteArray();

        SchemaStore.Cache history = ContractHistory.schemaStore();
        history.addSchema(older);
        AircraftObservation read = new AvroSerde<>(AircraftObservation.class, history).deserialize(TOPIC, bytes);

        assertThat(read.getIcao24()).isEqualTo("a65527");
        assertThat(read.getObservedAt()).isEqualTo(OBSERVED_AT);
        assertThat(read.getCallsign()).isEqualTo("NKS2003");
        assertThat(read.getLatitude()).isEqualTo(38.8778);
        assertThat(read.getLongitude()).isEqualTo(-77.3974);
        assertThat(read.getSquawk()).as("filled in from the reader's default").isNull();

        // ... and without that version in the history, the message cannot be decoded.
        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class).deserialize(TOPIC, bytes))
                .withMessageContaining("written with a schema unknown to this build's avro-history")
                .withMessageContaining("fingerprint");
    }

    /** The serde is shared between threads (Kafka Streams); each thread must get back its own record. */
    @Test
    void isThreadSafe() {
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);

        IntStream.range(0, 2_000).parallel().forEach(i -> {
            AircraftObservation record = AircraftObservation.newBuilder(observation())
                    .setIcao24("%06x".formatted(i)).build();
            assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, record))).isEqualTo(record);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) {
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));
    }

    private static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().stream()
                .filter(field -> !field.name().equals(name))
                .forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static OpenSkyStateVector stateVector() {
        return OpenSkyStateVector.newBuilder()
                .setIcao24("a65527").setCallsign("NKS2003 ").setOriginCountry("United States")
                .setTimePosition(OBSERVED_AT.getEpochSecond()).setLastContact(OBSERVED_AT.getEpochSecond())
                .setLatitude(38.8778).setLongitude(-77.3974)
                .setBaroAltitude(1226.82).setGeoAltitude(1280.16)
                .setOnGround(false).setVelocity(97.5).setTrueTrack(12.3).setVerticalRate(7.8)
                .setSensors(List.of(-1408237098)).setSquawk("3051").setSpi(false).setPositionSource(0)
                .setSnapshotTime(OBSERVED_AT.getEpochSecond() + 1).setSource("capture:data-001.json")
                .build();
    }

    private static AircraftObservation observation() {
        return observation("a65527");
    }

    /** A refined observation of the capture's NKS2003, under {@code icao24}; AvroSerdeSchemaRegistryTest writes it too. */
    static AircraftObservation observation(String icao24) {
        return AircraftObservation.newBuilder()
                .setIcao24(icao24).setObservedAt(OBSERVED_AT).setPositionAt(OBSERVED_AT)
                .setCallsign("NKS2003").setOriginCountry("United States")
                .setLatitude(38.8778).setLongitude(-77.3974)
                .setBarometricAltitudeM(1226.82).setGeometricAltitudeM(1280.16)
                .setOnGround(false).setGroundSpeedMps(97.5).setTrackDeg(12.3).setVerticalRateMps(7.8)
                .setSquawk("3051").setSource("capture:data-001.json")
                .build();
    }

    private static FlightTrackingEvent event(long sequence, Object payload) {
        return FlightTrackingEvent.newBuilder()
                .setEventId("9f1c2d3e-0000-4000-8000-00000000000" + sequence)
                .setIcao24("a65527").setFlightId("a65527-" + OBSERVED_AT.getEpochSecond())
                .setSequence(sequence).setOccurredAt(OBSERVED_AT.plusSeconds(sequence))
                .setPayload(payload)
                .build();
    }
}

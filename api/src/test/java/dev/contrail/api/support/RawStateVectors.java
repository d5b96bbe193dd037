package dev.contrail.api.support;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts state vectors, or any bytes, on the raw topic as an OpenSky ingestion adapter would. */
public final class RawStateVectors implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<OpenSkyStateVector> serde = AvroSerde.of(OpenSkyStateVector.class);

    public RawStateVectors(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A state vector over Dulles as OpenSky reports it (values from the bundled capture, data-001.json). */
    public static OpenSkyStateVector.Builder overDulles(String icao24, long lastContactEpochSecond) {
        return OpenSkyStateVector.newBuilder()
                .setIcao24(icao24)
                .setCallsign("NKS2003 ")
                .setOriginCountry("United States")
                .setTimePosition(lastContactEpochSecond)
                .setLastContact(lastContactEpochSecond)
                .setLongitude(-77.3974)
                .setLatitude(38.8778)
                .setBaroAltitude(7010.4)
                .setOnGround(false)
                .setVelocity(187.84)
                .setTrueTrack(208.46)
                .setVerticalRate(0.0)
                .setGeoAltitude(6659.88)
                .setSquawk("0260")
                .setSpi(false)
                .setPositionSource(0)
                .setSnapshotTime(lastContactEpochSecond)
                .setSource("test");
    }

    public void send(OpenSkyStateVector vector) {
        sendBytes(vector.getIcao24(), serde.serializer().serialize(Topics.OPENSKY_STATE_VECTORS, vector));
    }

    public void sendBytes(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.OPENSKY_STATE_VECTORS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + Topics.OPENSKY_STATE_VECTORS, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

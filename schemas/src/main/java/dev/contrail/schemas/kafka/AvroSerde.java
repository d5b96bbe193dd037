package dev.contrail.schemas.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import dev.contrail.schemas.ContractHistory;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one of our Avro contracts, in the single-object encoding of the Avro specification:
 * the marker {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer schema, then the Avro binary datum.
 * <p>
 * There is no schema registry: the fingerprint is looked up in {@link ContractHistory}, which ships every published
 * version of every contract, and the datum is resolved from that writer schema to the schema of {@code T}. A consumer
 * therefore reads whatever older producers wrote, but not messages written with a version it does not know yet:
 * consumers must be deployed with a new schema version before producers start writing it.
 * <p>
 * Thread-safe, as Kafka Streams requires when a serde is shared between stream threads: Avro documents
 * {@link BinaryMessageEncoder}, {@link BinaryMessageDecoder} and {@link SchemaStore.Cache} as thread-safe (per-thread
 * buffers, concurrent maps), and this class adds no mutable state.
 * <p>
 * {@code null} maps to {@code null} both ways, so that tombstones pass through.
 *
 * @param <T> a class generated from one of the schemas in {@code src/main/avro}
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final String typeName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** Visible for tests, which add writer schemas that are not (yet) in the history. */
    AvroSerde(Class<T> type, SchemaStore writerSchemas) {
        // The model generated alongside the class (its MODEL$), so that logical types such as timestamp-millis
        // come out as the Instants the generated class holds.
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.typeName = type.getSimpleName();
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
    }

    /** A serde for {@code type} that reads every version of it recorded in {@link ContractHistory}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, ContractHistory.schemaStore());
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.encode(data, out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // e.g. a required field left null on a record built without its builder
            throw new SerializationException("Cannot serialize " + typeName + " for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        // Messages are input from outside this process: any failure to decode them is reported as the
        // SerializationException that Kafka clients treat as a poison record, with a reason an operator can act on.
        try {
            return decoder.decode(data);
        } catch (BadHeaderException e) {
            throw failure(topic, "not an Avro single-object encoded message (" + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw failure(topic, "written with a schema unknown to this build's avro-history (" + e.getMessage()
                    + "); is the producer newer than this consumer?", e);
        } catch (IOException | RuntimeException e) {
            throw failure(topic, "malformed or incompatible payload (" + e.getMessage() + ")", e);
        }
    }

    private SerializationException failure(String topic, String reason, Exception cause) {
        return new SerializationException(
                "Cannot deserialize " + typeName + " from topic " + topic + ": " + reason, cause);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    /** Nothing to configure: the schemas come from the classpath, not from Kafka properties. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }
}

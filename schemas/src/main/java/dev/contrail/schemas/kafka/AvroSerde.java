package dev.contrail.schemas.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.contrail.schemas.ContractHistory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one of our Avro contracts. It writes one of two encodings, chosen once for the whole process at
 * start-up ({@link #useSchemaRegistry}, ADR 0037), and reads both, telling them apart by their first bytes:
 * <ul>
 * <li>by default, the single-object encoding of the Avro specification: the marker {@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, then the Avro binary datum;</li>
 * <li>with a schema registry, the Confluent wire format: the magic byte {@code 00}, the 4-byte big-endian id of the
 * writer schema in the registry, then the Avro binary datum. Schemas are registered under the subject
 * {@code <topic>-value} (Confluent's TopicNameStrategy), so that any Kafka client with a registry-aware Avro
 * deserializer reads the topics.</li>
 * </ul>
 * <p>
 * In the single-object encoding, the fingerprint is looked up in {@link ContractHistory}, which ships every published
 * version of every contract, and the datum is resolved from that writer schema to the schema of {@code T}. A consumer
 * therefore reads whatever older producers wrote, but not messages written with a version it does not know yet:
 * consumers must be deployed with a new schema version before producers start writing it.
 * <p>
 * Thread-safe, as Kafka Streams requires when a serde is shared between stream threads: Avro documents
 * {@link BinaryMessageEncoder}, {@link BinaryMessageDecoder} and {@link SchemaStore.Cache} as thread-safe (per-thread
 * buffers, concurrent maps); {@link SpecificDatumReader} and {@link SpecificDatumWriter} keep their resolvers per
 * thread; this class's only mutable state is a concurrent map of readers per registry schema id, and the registry
 * client caches ids and schemas in concurrent maps, so that no record costs a call to the registry.
 * <p>
 * {@code null} maps to {@code null} both ways, so that tombstones pass through.
 *
 * @param <T> a class generated from one of the schemas in {@code src/main/avro}
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final byte CONFLUENT_MAGIC = 0;
    private static final byte SINGLE_OBJECT_MARKER_0 = (byte) 0xC3;
    private static final byte SINGLE_OBJECT_MARKER_1 = 0x01;

    /** The registry every serde of this process writes with, or null for the single-object encoding. */
    private static volatile SchemaRegistry registry;

    private final String typeName;
    private final SpecificData model;
    private final Schema readerSchema;
    /** The schema registered for external readers: the recorded version, with its docs and without code-generation properties. */
    private final Schema publishedSchema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    /** Visible for tests, which add writer schemas that are not (yet) in the history. */
    AvroSerde(Class<T> type, SchemaStore writerSchemas) {
        // The model generated alongside the class (its MODEL$), so that logical types such as timestamp-millis
        // come out as the Instants the generated class holds.
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.typeName = type.getSimpleName();
        this.model = model;
        this.readerSchema = schema;
        Schema recorded = writerSchemas.findByFingerprint(SchemaNormalization.parsingFingerprint64(schema));
        this.publishedSchema = recorded != null ? recorded : schema;
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /**
     * From now on, every serde of this process writes the Confluent wire format with schemas registered in
     * {@code schemaRegistry}, and reads it with the schemas found there. Called once at start-up, before any record is
     * written; {@code null} goes back to the single-object encoding (which every serde reads in either mode).
     */
    public static void useSchemaRegistry(SchemaRegistry schemaRegistry) {
        registry = schemaRegistry;
    }

    /** The registry this process writes with, or null when it writes the single-object encoding. */
    public static SchemaRegistry schemaRegistry() {
        return registry;
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
        SchemaRegistry schemaRegistry = registry;
        if (schemaRegistry != null) {
            return serializeForRegistry(schemaRegistry, topic, data);
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

    private byte[] serializeForRegistry(SchemaRegistry schemaRegistry, String topic, T data) {
        // Registry failures are not SerializationExceptions: the record is fine, the registry is away or refuses.
        int id = schemaRegistry.register(topic + "-value", publishedSchema);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(CONFLUENT_MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder binary = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(data, binary);
            binary.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + typeName + " for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == CONFLUENT_MAGIC) {
            return deserializeFromRegistry(topic, data);
        }
        if (data.length < 2 || data[0] != SINGLE_OBJECT_MARKER_0 || data[1] != SINGLE_OBJECT_MARKER_1) {
            throw failure(topic, "not an Avro single-object encoded message (C3 01) nor in the Confluent wire format (00); first bytes "
                    + firstBytes(data), null);
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

    private T deserializeFromRegistry(String topic, byte[] data) {
        if (data.length < 5) {
            throw failure(topic, "Confluent wire format too short for a schema id (" + data.length + " bytes)", null);
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        SchemaRegistry schemaRegistry = registry;
        if (schemaRegistry == null) {
            throw failure(topic, "in the Confluent wire format (schema id " + id + ") but no schema registry is configured; "
                    + "set contrail.kafka.schema-registry.url", null);
        }
        SpecificDatumReader<T> reader = readersBySchemaId.get(id);
        if (reader == null) {
            Schema writerSchema;
            try {
                // A registry that cannot be reached propagates as is: it is not this record's fault.
                writerSchema = schemaRegistry.schema(id);
            } catch (IllegalStateException | org.apache.avro.SchemaParseException e) {
                throw failure(topic, "schema id " + id + " not readable from the registry (" + e.getMessage() + ")", e);
            }
            reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
            readersBySchemaId.putIfAbsent(id, reader);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null));
        } catch (IOException | RuntimeException e) {
            throw failure(topic, "malformed or incompatible payload for schema id " + id + " (" + e.getMessage() + ")", e);
        }
    }

    private static String firstBytes(byte[] data) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, data.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", data[i]));
        }
        return data.length == 0 ? "(empty)" : hex.toString();
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

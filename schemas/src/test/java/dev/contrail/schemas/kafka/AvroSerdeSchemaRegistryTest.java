package dev.contrail.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AvroSerde} in schema-registry mode (ADR 0037), against a minimal in-process stand-in for the Confluent-compatible
 * API (the three calls the serde makes, with a registry's answers). The real Apicurio Registry is exercised end to end
 * by {@code SchemaRegistryIT}.
 */
class AvroSerdeSchemaRegistryTest {

    private static final String TOPIC = "flight-tracking.observations";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsByFingerprint = new ConcurrentHashMap<>();
    private final Map<String, String> compatibilityBySubject = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(41);
    private HttpServer server;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apis/ccompat/v7/", this::answer);
        server.start();
    }

    @AfterEach
    void stopRegistry() {
        AvroSerde.useSchemaRegistry(null);
        server.stop(0);
    }

    @Test
    void writesTheConfluentWireFormatWithTheRecordedSchemaRegisteredUnderTheTopicSubject() throws IOException {
        AvroSerde.useSchemaRegistry(registry());
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);

        byte[] bytes = serde.serialize(TOPIC, AvroSerdeTest.observation("a65527"));

        assertThat(bytes[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(schemasById).containsKey(id);
        assertThat(requests).containsExactly("POST /apis/ccompat/v7/subjects/flight-tracking.observations-value/versions",
                "PUT /apis/ccompat/v7/config/flight-tracking.observations-value");
        assertThat(compatibilityBySubject).containsEntry(TOPIC + "-value", "BACKWARD_TRANSITIVE");
        Schema registered = new Schema.Parser().parse(schemasById.get(id));
        assertThat(registered.toString()).as("the recorded version, without code-generation properties")
                .doesNotContain("avro.java.string").contains("\"doc\"");
        assertThat(SchemaNormalization.parsingFingerprint64(registered))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(AircraftObservation.getClassSchema()));
        assertThat(serde.deserialize(TOPIC, bytes)).isEqualTo(AvroSerdeTest.observation("a65527"));
    }

    @Test
    void callsTheRegistryOncePerSubjectAndSchemaNeverPerRecord() {
        AvroSerde.useSchemaRegistry(registry());
        AvroSerde<AircraftObservation> writer = AvroSerde.of(AircraftObservation.class);
        List<byte[]> written = IntStream.range(0, 500).mapToObj(i -> writer.serialize(TOPIC, AvroSerdeTest.observation("%06x".formatted(i)))).toList();
        assertThat(requests).hasSize(2);

        // Another process: it knows no id yet, and fetches the writer schema once.
        AvroSerde.useSchemaRegistry(registry());
        AvroSerde<AircraftObservation> reader = AvroSerde.of(AircraftObservation.class);
        written.forEach(bytes -> reader.deserialize(TOPIC, bytes));

        assertThat(requests).hasSize(3).last().asString().matches("GET /apis/ccompat/v7/schemas/ids/\\d+");
    }

    @Test
    void readsBothEncodingsSoThatASwitchLosesNothing() {
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        byte[] beforeTheSwitch = serde.serialize(TOPIC, AvroSerdeTest.observation("a65527"));
        assertThat(beforeTheSwitch).startsWith(0xC3, 0x01);

        AvroSerde.useSchemaRegistry(registry());
        byte[] afterTheSwitch = serde.serialize(TOPIC, AvroSerdeTest.observation("a65528"));
        assertThat(afterTheSwitch).startsWith(0x00);

        assertThat(serde.deserialize(TOPIC, beforeTheSwitch)).isEqualTo(AvroSerdeTest.observation("a65527"));
        assertThat(serde.deserialize(TOPIC, afterTheSwitch)).isEqualTo(AvroSerdeTest.observation("a65528"));

        // ... and back: records written in registry mode need the registry to be read.
        AvroSerde.useSchemaRegistry(null);
        assertThat(serde.deserialize(TOPIC, beforeTheSwitch)).isEqualTo(AvroSerdeTest.observation("a65527"));
        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserialize(TOPIC, afterTheSwitch))
                .withMessageContaining("Cannot deserialize AircraftObservation from topic " + TOPIC)
                .withMessageContaining("Confluent wire format (schema id " + ByteBuffer.wrap(afterTheSwitch, 1, 4).getInt() + ")")
                .withMessageContaining("contrail.kafka.schema-registry.url");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsAPoisonRecord() {
        AvroSerde.useSchemaRegistry(registry());
        byte[] unknownId = {0, 0, 0, 0x03, (byte) 0xE7, 2, 3};

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class).deserialize(TOPIC, unknownId))
                .withMessageContaining("schema id 999 not readable from the registry")
                .withMessageContaining("404");
    }

    @Test
    void aTruncatedRecordIsAPoisonRecord() {
        AvroSerde.useSchemaRegistry(registry());
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        byte[] bytes = serde.serialize(TOPIC, AvroSerdeTest.observation("a65527"));

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserialize(TOPIC, java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                .withMessageContaining("malformed or incompatible payload for schema id");
        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .withMessageContaining("too short for a schema id");
    }

    /** A registry briefly away is not the record's fault: not a SerializationException, so not dead-lettered as poison. */
    @Test
    void aRegistryOutOfReachIsNotAPoisonRecord() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AvroSerde.useSchemaRegistry(new SchemaRegistry(URI.create("http://127.0.0.1:" + closedPort + "/apis/ccompat/v7")));
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);

        assertThatExceptionOfType(SchemaRegistry.RegistryUnavailableException.class)
                .isThrownBy(() -> serde.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 42, 2}))
                .withMessageContaining("unreachable");
        assertThatExceptionOfType(SchemaRegistry.RegistryUnavailableException.class)
                .isThrownBy(() -> serde.serialize(TOPIC, AvroSerdeTest.observation("a65527")));
        assertThat(TransientFailures.isTransient(new SchemaRegistry.RegistryUnavailableException("away", null))).isTrue();
    }

    @Test
    void aSchemaTheRegistryRefusesFailsTheWriteWithTheRegistrysReason() {
        AvroSerde.useSchemaRegistry(registry());
        refuseRegistrations = true;

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AvroSerde.of(AircraftObservation.class).serialize(TOPIC, AvroSerdeTest.observation("a65527")))
                .withMessageContaining("refused registering subject " + TOPIC + "-value (HTTP 409)")
                .withMessageContaining("Incompatible artifact");
    }

    @Test
    void isThreadSafeInRegistryMode() {
        AvroSerde.useSchemaRegistry(registry());
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);

        IntStream.range(0, 2_000).parallel().forEach(i -> {
            AircraftObservation record = AvroSerdeTest.observation("%06x".formatted(i));
            assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, record))).isEqualTo(record);
        });
        assertThat(idsByFingerprint).hasSize(1);
    }

    private volatile boolean refuseRegistrations;

    private SchemaRegistry registry() {
        return new SchemaRegistry(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7"));
    }

    /** The registry's side of the three calls, answered as Apicurio's ccompat API answers them. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        requests.add(method + " " + path);
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            body = bytes.length == 0 ? null : json.readTree(bytes);
        }
        String prefix = "/apis/ccompat/v7/";
        String rest = path.substring(prefix.length());
        if (method.equals("POST") && rest.matches("subjects/[^/]+/versions")) {
            if (refuseRegistrations) {
                send(exchange, 409, "{\"error_code\":409,\"message\":\"Incompatible artifact\"}");
                return;
            }
            String schema = body.get("schema").asText();
            String key = rest + SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(schema));
            int id = idsByFingerprint.computeIfAbsent(key, k -> nextId.incrementAndGet());
            schemasById.put(id, schema);
            send(exchange, 200, "{\"id\":" + id + "}");
        } else if (method.equals("PUT") && rest.startsWith("config/")) {
            compatibilityBySubject.put(rest.substring("config/".length()), body.get("compatibility").asText());
            send(exchange, 200, json.writeValueAsString(body));
        } else if (method.equals("GET") && rest.startsWith("schemas/ids/")) {
            String schema = schemasById.get(Integer.valueOf(rest.substring("schemas/ids/".length())));
            if (schema == null) {
                send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            } else {
                send(exchange, 200, json.writeValueAsString(Map.of("schema", schema)));
            }
        } else {
            send(exchange, 404, "{}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

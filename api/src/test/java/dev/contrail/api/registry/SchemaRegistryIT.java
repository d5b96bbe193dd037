package dev.contrail.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.support.ApicurioRegistryProcess;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import dev.contrail.infrastructure.flighttracking.refinement.RefinementTopology;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The schema-registry mode (ADR 0037) against a real Apicurio Registry process: Contrail replays the bundled Dulles
 * capture, imports the sample airports around Dulles and the test airspace volumes, and every topic it writes is then
 * read by consumers with no Contrail code — Apicurio's own Avro deserializer in its Confluent-compatible mode on a
 * plain {@link KafkaConsumer}, and the Python recipe {@code docs/recipes/read_topic.py} (confluent-kafka and the avro
 * package) — with the values the capture and the sample files hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "contrail.capture.enabled=true",
    "contrail.capture.speed=0",
    "contrail.capture.loop=false",
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json",
    "contrail.airspace.definitions.enabled=true",
    "contrail.airspace.definitions.locations=classpath:airspace-test/iad-test-volumes.geojson",
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv"})
class SchemaRegistryIT extends ContrailIntegrationTest {

    /** Every topic Contrail writes records of its contracts to. */
    private static final List<String> TOPICS = List.of(Topics.OPENSKY_STATE_VECTORS, Topics.FLIGHT_TRACKING_OBSERVATIONS,
            Topics.FLIGHT_TRACKING_EVENTS, Topics.AIRPORT_EVENTS, Topics.AIRSPACE_EVENTS);
    private static final Duration PIPELINE = Duration.ofSeconds(300);

    private static ApicurioRegistryProcess registry;

    @DynamicPropertySource
    static void schemaRegistry(DynamicPropertyRegistry properties) {
        registry = ApicurioRegistryProcess.start();
        properties.add("contrail.kafka.schema-registry.url", registry::ccompatUrl);
    }

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    @Order(1)
    void aPlainConsumerWithApicuriosDeserializerReadsEveryTopic() {
        await("Spirit 2003's state vector as OpenSky sent it, read back by Apicurio's deserializer")
                .atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> readWithApicurio(Topics.OPENSKY_STATE_VECTORS).stream().anyMatch(vector ->
                        text(vector, "icao24").equals("a65527") && text(vector, "callsign").equals("NKS2003 ")
                                && (double) vector.get("latitude") == 38.8778 && (double) vector.get("longitude") == -77.3974
                                && (double) vector.get("baroAltitude") == 7010.4 && text(vector, "squawk").equals("0260")));
        await("its observation").atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> readWithApicurio(Topics.FLIGHT_TRACKING_OBSERVATIONS).stream().anyMatch(observation ->
                        text(observation, "icao24").equals("a65527") && text(observation, "callsign").equals("NKS2003")
                                && (double) observation.get("latitude") == 38.8778
                                && (double) observation.get("barometricAltitudeM") == 7010.4));
        await("its flight detected, and take-offs and landings at Dulles").atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    List<GenericRecord> events = readWithApicurio(Topics.FLIGHT_TRACKING_EVENTS);
                    return events.stream().anyMatch(event -> text(event, "icao24").equals("a65527")
                                    && payloadIs(event, "FlightDetected") && text(payload(event), "callsign").equals("NKS2003")
                                    && text(payload(event), "squawk").equals("0260"))
                            && events.stream().anyMatch(event -> payloadIs(event, "TookOff"))
                            && events.stream().anyMatch(event -> payloadIs(event, "Landed"));
                });
        await("Dulles registered by the airport import").atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> readWithApicurio(Topics.AIRPORT_EVENTS).stream().anyMatch(event ->
                        text(event, "airportIdent").equals("KIAD") && payloadIs(event, "AirportRegistered")
                                && text((GenericRecord) payload(event).get("airport"), "name").equals("Washington Dulles International Airport")
                                && text((GenericRecord) payload(event).get("airport"), "municipality").equals("Dulles")));
        await("the approach volume defined, and aircraft entering the test volumes").atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    List<GenericRecord> events = readWithApicurio(Topics.AIRSPACE_EVENTS);
                    return events.stream().anyMatch(event -> text(event, "airspaceId").equals("TEST-IAD-APP")
                                    && payloadIs(event, "AirspaceDefined")
                                    && text((GenericRecord) payload(event).get("definition"), "name").equals("Dulles approach (test)")
                                    && (int) ((GenericRecord) payload(event).get("definition")).get("capacity") == 1)
                            && events.stream().anyMatch(event -> payloadIs(event, "AircraftEnteredAirspace")
                                    && text(payload(event), "icao24").matches("[0-9a-f]{6}"));
                });

        for (String topic : TOPICS) {
            List<ConsumerRecord<String, byte[]>> raw = read(topic, new ByteArrayDeserializer());
            assertThat(raw).as(topic).isNotEmpty()
                    .allSatisfy(record -> assertThat(record.value()).as("%s at %d@%d", topic, record.partition(), record.offset())
                            .startsWith(0x00));
        }
    }

    @Test
    @Order(2)
    void eachTopicHasItsSubjectWithTheCompatibilityTheBuildEnforces() throws Exception {
        JsonNode subjects = registryGet("/subjects");
        for (String topic : TOPICS) {
            assertThat(subjects).as("subjects").anyMatch(subject -> subject.asText().equals(topic + "-value"));
            assertThat(registryGet("/config/" + topic + "-value").path("compatibilityLevel").asText()).as(topic)
                    .isEqualTo("BACKWARD_TRANSITIVE");
            JsonNode latest = registryGet("/subjects/" + topic + "-value/versions/latest");
            assertThat(json.readTree(latest.path("schema").asText()).path("type").asText()).as(topic).isEqualTo("record");
        }
        assertThat(json.readTree(registryGet("/subjects/" + Topics.FLIGHT_TRACKING_EVENTS + "-value/versions/latest")
                .path("schema").asText()).path("name").asText()).isEqualTo("FlightTrackingEvent");
    }

    /** The state stores' changelogs are written by the same serdes: Kafka tools that browse them can read them too. */
    @Test
    @Order(3)
    void theRefinementStoresChangelogIsReadableToo() throws Exception {
        String changelog;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            changelog = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.endsWith("-" + RefinementTopology.AIRCRAFT_STORE + "-changelog"))
                    .findFirst().orElseThrow();
        }
        List<ConsumerRecord<String, byte[]>> raw = read(changelog, new ByteArrayDeserializer());
        assertThat(raw).as(changelog).isNotEmpty()
                .allSatisfy(record -> assertThat(record.value() == null || record.value()[0] == 0).as("%s at %d@%d", changelog,
                        record.partition(), record.offset()).isTrue());
        assertThat(readWithApicurio(changelog)).as(changelog).anyMatch(aircraft -> aircraft != null
                && aircraft.getSchema().getName().equals("RefinedAircraft") && text(aircraft, "callsign").equals("NKS2003"));
        assertThat(registryGet("/config/" + changelog + "-value").path("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
    }

    @Test
    @Order(4)
    void thePythonRecipeReadsEveryTopic() throws Exception {
        Map<String, Predicate<JsonNode>> expected = new HashMap<>();
        expected.put(Topics.OPENSKY_STATE_VECTORS, value -> value.path("icao24").asText().equals("a65527")
                && value.path("callsign").asText().equals("NKS2003 ") && value.path("latitude").asDouble() == 38.8778);
        expected.put(Topics.FLIGHT_TRACKING_OBSERVATIONS, value -> value.path("icao24").asText().equals("a65527")
                && value.path("callsign").asText().equals("NKS2003") && value.path("barometricAltitudeM").asDouble() == 7010.4);
        expected.put(Topics.FLIGHT_TRACKING_EVENTS, value -> value.path("icao24").asText().equals("a65527")
                && value.path("payload").path("callsign").asText().equals("NKS2003"));
        expected.put(Topics.AIRPORT_EVENTS, value -> value.path("airportIdent").asText().equals("KIAD")
                && value.path("payload").path("airport").path("name").asText().equals("Washington Dulles International Airport"));
        expected.put(Topics.AIRSPACE_EVENTS, value -> value.path("airspaceId").asText().equals("TEST-IAD-APP")
                && value.path("payload").path("definition").path("name").asText().equals("Dulles approach (test)"));

        for (String topic : TOPICS) {
            List<ConsumerRecord<String, byte[]>> onTopic = read(topic, new ByteArrayDeserializer());
            List<JsonNode> lines = readWithPython(topic, onTopic.size());
            assertThat(lines).as("records the Python recipe read from %s", topic).hasSize(onTopic.size());
            assertThat(lines).as(topic).allSatisfy(line -> {
                assertThat(line.path("topic").asText()).isEqualTo(topic);
                assertThat(line.path("schema_id").asInt()).isPositive();
            });
            assertThat(lines).as("%s holds the expected record", topic).anyMatch(line -> expected.get(topic).test(line.path("value")));
        }
    }

    /**
     * A running system switched to the registry keeps what is already on its topics: a state vector in the single-object
     * encoding, as Contrail wrote before the switch, is still refined, and comes out in the Confluent wire format.
     */
    @Test
    @Order(5)
    void singleObjectEncodedRecordsWrittenBeforeTheSwitchAreStillRead() throws IOException {
        long now = Instant.now().getEpochSecond();
        OpenSkyStateVector vector = RawStateVectors.overDulles("c0ffee", now).setCallsign("SWITCH1 ").build();
        ByteArrayOutputStream singleObject = new ByteArrayOutputStream();
        new BinaryMessageEncoder<OpenSkyStateVector>(SpecificData.getForClass(OpenSkyStateVector.class), OpenSkyStateVector.getClassSchema())
                .encode(vector, singleObject);
        assertThat(singleObject.toByteArray()).startsWith(0xC3, 0x01);
        try (var raw = new RawStateVectors(bootstrapServers)) {
            raw.sendBytes("c0ffee", singleObject.toByteArray());
        }

        await().atMost(PIPELINE).pollInterval(Duration.ofSeconds(2))
                .until(() -> readWithApicurio(Topics.FLIGHT_TRACKING_OBSERVATIONS).stream().anyMatch(observation ->
                        text(observation, "icao24").equals("c0ffee") && text(observation, "callsign").equals("SWITCH1")));
    }

    private List<GenericRecord> readWithApicurio(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registry.v2Url());
        // Confluent-compatible: a 4-byte id after the magic byte, which Apicurio 3's ccompat API hands out as content ids
        config.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);
        try {
            return read(topic, deserializer).stream().map(ConsumerRecord::value).toList();
        } finally {
            deserializer.close();
        }
    }

    /** Every record on the topic now, read from the beginning to the end offsets at the start. */
    private <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> values) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(Instant.now()).as("reading %s to its end offsets %s", topic, end).isBefore(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }

    private List<JsonNode> readWithPython(String topic, int records) throws IOException, InterruptedException {
        Path script = Path.of("../docs/recipes/read_topic.py").toAbsolutePath().normalize();
        Process python = new ProcessBuilder(python(), script.toString(), "--bootstrap-servers", bootstrapServers,
                "--registry", registry.ccompatUrl(), "--topic", topic, "--max-records", String.valueOf(records),
                "--idle-seconds", "20").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output;
        try (InputStream out = python.getInputStream()) {
            output = out.readAllBytes();
        }
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("python3 %s finished", script).isTrue();
        assertThat(python.exitValue()).as("exit code of python3 %s --topic %s", script, topic).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    /**
     * The first Python 3 with the recipe's packages: {@code python3} on the PATH, else Debian's (a pyenv shim first on the
     * PATH hides the packages apt installs: apt-get install python3-avro python3-confluent-kafka, see .ci/run).
     */
    private static String python() throws IOException, InterruptedException {
        List<String> tried = new ArrayList<>();
        for (String candidate : List.of(System.getProperty("contrail.test.python", "python3"), "python3", "/usr/bin/python3")) {
            tried.add(candidate);
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import avro.io, confluent_kafka")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed there
            }
        }
        throw new IllegalStateException("No Python 3 with the avro and confluent_kafka packages among " + tried
                + ": apt-get install python3-avro python3-confluent-kafka (or pip install avro confluent-kafka)");
    }

    private JsonNode registryGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static String text(GenericRecord record, String field) {
        Object value = record.get(field);
        return value == null ? "" : value.toString();
    }

    private static GenericRecord payload(GenericRecord event) {
        return (GenericRecord) event.get("payload");
    }

    private static boolean payloadIs(GenericRecord event, String type) {
        return event.get("payload") instanceof GenericRecord payload && payload.getSchema().getName().equals(type);
    }

}

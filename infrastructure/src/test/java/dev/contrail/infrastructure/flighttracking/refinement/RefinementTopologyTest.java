package dev.contrail.infrastructure.flighttracking.refinement;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.Snapshot;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class RefinementTopologyTest {

    private static final String CAPTURE = "classpath:captures/opensky/iad-2023-03-14/data-*.json";
    private static final long LAST_CONTACT = 1678803647L;
    private static final Instant SERVER_CLOCK = Instant.parse("2023-03-14T15:00:00Z");

    private final AvroSerde<OpenSkyStateVector> rawSerde = AvroSerde.of(OpenSkyStateVector.class);
    private final Counter deadLetterCounter = new SimpleMeterRegistry().counter("test.dead.letters");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, AircraftObservation> observations;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        RefinementTopology.addTo(builder, deadLetterCounter);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "refinement-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The server's clock: after the capture (2023-03-14 14:20-14:39 UTC); vectors are judged against it (ADR 0024).
        driver = new TopologyTestDriver(builder.build(), config, SERVER_CLOCK);
        raw = driver.createInputTopic(Topics.OPENSKY_STATE_VECTORS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        observations = driver.createOutputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().deserializer(),
                AvroSerde.of(AircraftObservation.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void publishesAValidStateVectorAsOneObservationKeyedByIcao24() {
        send(nks2003(LAST_CONTACT));

        List<TestRecord<String, AircraftObservation>> published = observations.readRecordsToList();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("a65527");
            assertThat(record.value().getIcao24()).isEqualTo("a65527");
            assertThat(record.value().getCallsign()).isEqualTo("NKS2003");
            assertThat(record.value().getObservedAt()).isEqualTo(Instant.ofEpochSecond(LAST_CONTACT));
        });
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deadLettersAStateVectorThatIsNotKeyedByItsLowerCaseIcao24() {
        // Regression: the observation used to be forwarded under the raw key "A65527", on another partition than a65527's.
        OpenSkyStateVector upperCase = StateVectorRefinerTest.nks2003().setIcao24("A65527").build();
        byte[] original = rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS, upperCase);

        raw.pipeInput("A65527", original);

        assertThat(observations.isEmpty()).isTrue();
        TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.value()).isEqualTo(original);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON))
                .isEqualTo("key 'A65527' is not the state vector's icao24 'a65527'");
    }

    @Test
    void keysEachDeadLetterByWhereItCameFrom() {
        raw.pipeInput("a65527", "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.key()).isEqualTo(header(deadLetter.headers(), DeadLetterHeaders.SOURCE));
    }

    @Test
    void dropsAnIdenticalRepeat() {
        send(nks2003(LAST_CONTACT));
        send(nks2003(LAST_CONTACT));

        assertThat(observations.readRecordsToList()).hasSize(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void dropsAnOlderStateVectorThatArrivesAfterANewerOne() {
        send(nks2003(LAST_CONTACT));
        send(nks2003(LAST_CONTACT - 2));

        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT));
    }

    @Test
    void keepsANewerStateVectorOfTheSameAircraft() {
        send(nks2003(LAST_CONTACT));
        send(nks2003(LAST_CONTACT + 2));

        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT), Instant.ofEpochSecond(LAST_CONTACT + 2));
    }

    @Test
    void deadLettersAnInvalidStateVectorWithItsOriginalBytesAndWhy() {
        byte[] original = rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS,
                StateVectorRefinerTest.nks2003().setLastContact(LAST_CONTACT).setLatitude(999.0).build());

        raw.pipeInput("a65527", original);

        assertThat(observations.isEmpty()).isTrue();
        TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.value()).isEqualTo(original);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON)).contains("latitude");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo(RefinementTopology.STAGE);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.SOURCE)).startsWith(Topics.OPENSKY_STATE_VECTORS);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.OPENSKY_STATE_VECTORS);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.KEY)).isEqualTo("a65527");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void countsEachDeadLetter() {
        raw.pipeInput("a65527", rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS,
                StateVectorRefinerTest.nks2003().setLatitude(999.0).build()));
        send(nks2003(LAST_CONTACT));

        assertThat(deadLetterCounter.count()).isEqualTo(1.0);
    }

    @Test
    void deadLettersBytesThatAreNotAvroAtAllWithTheOriginalBytes() {
        byte[] garbage = "{\"icao24\":\"a65527\"}".getBytes(UTF_8);

        raw.pipeInput("a65527", garbage);

        assertThat(observations.isEmpty()).isTrue();
        TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON)).startsWith("not an OpenSkyStateVector");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo(RefinementTopology.STAGE);
        assertThat(deadLetterCounter.count()).isEqualTo(1.0);
    }

    @Test
    void doesNotLetARejectedStateVectorHideALaterValidOne() {
        raw.pipeInput("a65527", rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS,
                StateVectorRefinerTest.nks2003().setLastContact(LAST_CONTACT + 10).setLatitude(999.0).build()));
        send(nks2003(LAST_CONTACT));

        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT));
    }

    @Test
    void deadLettersAStateVectorFromTheFutureAndTheNextGoodOneBecomesAnObservation() {
        // Issue 13: a last contact two hours ahead stopped the intake for good (Kafka refused its changelog's timestamp).
        long twoHoursAhead = SERVER_CLOCK.getEpochSecond() + 7200;
        byte[] fromTheFuture = rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS, nks2003(twoHoursAhead));

        raw.pipeInput("a65527", fromTheFuture);
        send(nks2003(LAST_CONTACT));

        TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.value()).isEqualTo(fromTheFuture);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON))
                .isEqualTo("last_contact 2023-03-14T17:00:00Z is 7200 s ahead of the server's clock (2023-03-14T15:00:00Z; tolerance 60 s)");
        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT));
    }

    @Test
    void judgesAStateVectorAgainstWhenItWasReceivedWhenThatIsEarlierThanTheClock() {
        Instant received = Instant.ofEpochSecond(LAST_CONTACT);
        raw.pipeInput("a65527", rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS, nks2003(LAST_CONTACT + 120)), received);
        raw.pipeInput("a65527", rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS, nks2003(LAST_CONTACT + 60)), received);

        assertThat(header(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON)).contains("120 s ahead");
        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT + 60));
    }

    @Test
    void deadLettersEveryImpossibleValueAndGoesOn() {
        // Issue 12: each of these used to become an observation.
        List<OpenSkyStateVector> impossible = List.of(
                StateVectorRefinerTest.nks2003().setBaroAltitude(1e308).build(),
                StateVectorRefinerTest.nks2003().setVelocity(-3.0).build(),
                StateVectorRefinerTest.nks2003().setTrueTrack(720.0).build(),
                StateVectorRefinerTest.nks2003().setCallsign("NKS\u00002003").build());
        impossible.forEach(this::send);
        send(nks2003(LAST_CONTACT + 30));

        assertThat(deadLetters.readRecordsToList()).hasSize(impossible.size());
        assertThat(observations.readValuesToList()).extracting(AircraftObservation::getObservedAt)
                .containsExactly(Instant.ofEpochSecond(LAST_CONTACT + 30));
    }

    @Test
    void deadLettersACallsignLongerThanEightCharactersThatCrashLoopedLiveFlights() {
        send(StateVectorRefinerTest.nks2003().setCallsign("NKS2003XYZ").build());

        assertThat(header(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo("callsign \"NKS2003XYZ\" is longer than 8 characters");
        assertThat(observations.isEmpty()).isTrue();
    }

    /**
     * The whole bundled capture, in snapshot-time order as the replay sends it. Expectations are computed from the
     * JSON with Jackson alone, not with the production parser or refiner: every aircraft comes out; each one's
     * observations come out in order, each a contact newer than any before; nothing is rejected; and the ground-state
     * changes that come out are exactly the capture's real ones — 3 take-offs and 3 landings (SOURCES.md), none from
     * flicker — while unchanged observations are held back.
     */
    @Test
    void refinesTheBundledCaptureIntoTheNewsOfEachAircraftWithExactlyItsRealGroundChanges() throws IOException {
        List<CaptureFile> capture = loadCapture();
        List<String> newContacts = newContactsInTimeOrder(capture);
        Set<String> expectedChanges = groundChangesInTimeOrder(capture);

        OpenSkyStatesParser parser = new OpenSkyStatesParser();
        for (CaptureFile file : capture) {
            Snapshot snapshot = parser.parse(file.bytes(), "capture:" + file.name());
            for (OpenSkyStateVector vector : snapshot.stateVectors()) {
                send(vector);
            }
        }

        List<AircraftObservation> emitted = observations.readValuesToList();
        assertThat(newContacts).hasSize(2285);
        assertThat(emitted).hasSizeLessThan(newContacts.size());
        assertThat(emitted).extracting(o -> o.getIcao24() + "@" + o.getObservedAt().getEpochSecond())
                .isSubsetOf(newContacts)
                .doesNotHaveDuplicates();
        assertThat(emitted).extracting(AircraftObservation::getIcao24).containsAll(
                newContacts.stream().map(contact -> contact.substring(0, 6)).toList());
        assertThat(groundChanges(emitted)).containsExactlyElementsOf(expectedChanges)
                .filteredOn(change -> change.endsWith("took off")).hasSize(3);
        assertThat(expectedChanges).filteredOn(change -> change.endsWith("landed")).hasSize(3);
        assertThat(deadLetters.readRecordsToList()).isEmpty();
        assertThat(deadLetterCounter.count()).isZero();
    }

    /** "icao24@last_contact took off|landed" for each change of on_ground between an aircraft's successive new contacts. */
    private static Set<String> groundChangesInTimeOrder(List<CaptureFile> capture) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> newestContact = new HashMap<>();
        Map<String, Boolean> onGround = new HashMap<>();
        Set<String> changes = new LinkedHashSet<>();
        for (CaptureFile file : capture) {
            JsonNode states = json.readTree(file.bytes()).get("states");
            for (JsonNode row : states == null ? json.createArrayNode() : states) {
                String icao24 = row.get(0).asText();
                long lastContact = row.get(4).asLong();
                Long newest = newestContact.get(icao24);
                if (newest != null && lastContact <= newest) {
                    continue;
                }
                newestContact.put(icao24, lastContact);
                Boolean before = onGround.put(icao24, row.get(8).asBoolean());
                if (before != null && before != row.get(8).asBoolean()) {
                    changes.add(icao24 + "@" + lastContact + (before ? " took off" : " landed"));
                }
            }
        }
        return changes;
    }

    private static List<String> groundChanges(List<AircraftObservation> emitted) {
        Map<String, Boolean> onGround = new HashMap<>();
        List<String> changes = new ArrayList<>();
        for (AircraftObservation observation : emitted) {
            Boolean before = onGround.put(observation.getIcao24(), observation.getOnGround());
            if (before != null && before != observation.getOnGround()) {
                changes.add(observation.getIcao24() + "@" + observation.getObservedAt().getEpochSecond()
                        + (before ? " took off" : " landed"));
            }
        }
        return changes;
    }

    private record CaptureFile(String name, long time, byte[] bytes) {
    }

    /** The capture's files sorted by snapshot time; files with the same time stay in file-name order. */
    private static List<CaptureFile> loadCapture() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(CAPTURE);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        List<CaptureFile> files = new ArrayList<>();
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                byte[] bytes = in.readAllBytes();
                files.add(new CaptureFile(resource.getFilename(), json.readTree(bytes).get("time").asLong(), bytes));
            }
        }
        assertThat(files).hasSize(450);
        files.sort(Comparator.comparingLong(CaptureFile::time)); // List.sort is stable
        return files;
    }

    /** "icao24@last_contact" for each row whose last_contact is newer than any earlier row of that aircraft. */
    private static List<String> newContactsInTimeOrder(List<CaptureFile> capture) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> newestContact = new HashMap<>();
        Set<String> newContacts = new LinkedHashSet<>();
        int rows = 0;
        for (CaptureFile file : capture) {
            JsonNode states = json.readTree(file.bytes()).get("states");
            if (states == null || states.isNull()) {
                continue;
            }
            for (JsonNode row : states) {
                rows++;
                String icao24 = row.get(0).asText();
                long lastContact = row.get(4).asLong();
                Long newest = newestContact.get(icao24);
                if (newest == null || lastContact > newest) {
                    newestContact.put(icao24, lastContact);
                    newContacts.add(icao24 + "@" + lastContact);
                }
            }
        }
        assertThat(rows).isEqualTo(4237);
        return List.copyOf(newContacts);
    }

    private void send(OpenSkyStateVector vector) {
        raw.pipeInput(vector.getIcao24(), rawSerde.serialize(Topics.OPENSKY_STATE_VECTORS, vector));
    }

    private static OpenSkyStateVector nks2003(long lastContact) {
        return StateVectorRefinerTest.nks2003().setLastContact(lastContact).setTimePosition(lastContact).build();
    }

    private static String header(Headers headers, String name) {
        assertThat(headers.lastHeader(name)).as("header " + name).isNotNull();
        return new String(headers.lastHeader(name).value(), UTF_8);
    }
}

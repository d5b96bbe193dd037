package dev.contrail.infrastructure.flighttracking.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.MalformedSnapshotException;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.RejectedRow;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.Snapshot;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class OpenSkyStatesParserTest {

    static final String CAPTURE = "captures/opensky/iad-2023-03-14/";
    private static final String SOURCE = "capture:test.json";

    /** A valid 17-field row (Spirit 2003 climbing out of Dulles, from data-001.json). */
    private static final String NKS2003 =
            "[\"a65527\",\"NKS2003 \",\"United States\",1678803647,1678803647,-77.3974,38.8778,7010.4,false,187.84,208.46,0,null,6659.88,\"0260\",false,0]";
    /** Another valid row from data-001.json. */
    private static final String JBU1097 =
            "[\"a34d98\",\"JBU1097 \",\"United States\",1678803647,1678803647,-77.5273,38.9696,10972.8,false,220.95,218.95,-0.33,null,10706.1,\"3415\",false,0]";

    private final OpenSkyStatesParser parser = new OpenSkyStatesParser();

    @Test
    void parsesTheTwelveStateVectorsOfARealResponse() throws IOException {
        Snapshot snapshot = parser.parse(classpathBytes(CAPTURE + "data-001.json"), "capture:data-001.json");

        assertThat(snapshot.time()).isEqualTo(1678803647L);
        assertThat(snapshot.source()).isEqualTo("capture:data-001.json");
        assertThat(snapshot.stateVectors()).hasSize(12);
        assertThat(snapshot.rejected()).isEmpty();
    }

    @Test
    void keepsEveryFieldOfARowAsOpenSkySentIt() throws IOException {
        Snapshot snapshot = parser.parse(classpathBytes(CAPTURE + "data-001.json"), "capture:data-001.json");

        OpenSkyStateVector expected = OpenSkyStateVector.newBuilder()
                .setIcao24("a65527")
                .setCallsign("NKS2003 ")
                .setOriginCountry("United States")
                .setTimePosition(1678803647L)
                .setLastContact(1678803647L)
                .setLongitude(-77.3974)
                .setLatitude(38.8778)
                .setBaroAltitude(7010.4)
                .setOnGround(false)
                .setVelocity(187.84)
                .setTrueTrack(208.46)
                .setVerticalRate(0.0)
                .setSensors(null)
                .setGeoAltitude(6659.88)
                .setSquawk("0260")
                .setSpi(false)
                .setPositionSource(0)
                .setCategory(null)
                .setSnapshotTime(1678803647L)
                .setSource("capture:data-001.json")
                .build();
        assertThat(snapshot.stateVectors().get(0)).isEqualTo(expected);
    }

    @Test
    void lowerCasesTheIcao24ButLeavesTheCallsignPadded() {
        Snapshot snapshot = parser.parse(snapshot(NKS2003.replace("a65527", "A65527")), SOURCE);

        assertThat(snapshot.stateVectors()).singleElement().satisfies(vector -> {
            assertThat(vector.getIcao24()).isEqualTo("a65527");
            assertThat(vector.getCallsign()).isEqualTo("NKS2003 ");
        });
    }

    @Test
    void parsesEveryFileOfTheBundledCaptureWithoutRejectingARow() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:" + CAPTURE + "data-*.json");
        List<Snapshot> snapshots = new ArrayList<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                snapshots.add(parser.parse(in.readAllBytes(), "capture:" + file.getFilename()));
            }
        }

        Set<Long> times = new HashSet<>();
        Set<String> aircraft = new HashSet<>();
        int vectors = 0;
        for (Snapshot snapshot : snapshots) {
            assertThat(snapshot.rejected()).as(snapshot.source()).isEmpty();
            times.add(snapshot.time());
            vectors += snapshot.stateVectors().size();
            snapshot.stateVectors().forEach(vector -> aircraft.add(vector.getIcao24()));
        }
        assertThat(snapshots).hasSize(450);
        assertThat(times).hasSize(337);
        assertThat(vectors).isEqualTo(4237);
        assertThat(aircraft).hasSize(37);
    }

    @Test
    void readsNullStatesAsAnEmptySnapshot() {
        Snapshot snapshot = parser.parse("{\"time\":1678803647,\"states\":null}".getBytes(UTF_8), SOURCE);

        assertThat(snapshot.time()).isEqualTo(1678803647L);
        assertThat(snapshot.stateVectors()).isEmpty();
        assertThat(snapshot.rejected()).isEmpty();
    }

    @Test
    void refusesABodyThatIsNotJson() {
        byte[] body = "<html><body>502 Bad Gateway</body></html>".getBytes(UTF_8);

        assertThatExceptionOfType(MalformedSnapshotException.class)
                .isThrownBy(() -> parser.parse(body, SOURCE))
                .withMessageStartingWith("not JSON");
    }

    @Test
    void refusesASnapshotWithoutTime() {
        byte[] body = ("{\"states\":[" + NKS2003 + "]}").getBytes(UTF_8);

        assertThatExceptionOfType(MalformedSnapshotException.class)
                .isThrownBy(() -> parser.parse(body, SOURCE))
                .withMessageContaining("'time'");
    }

    @Test
    void rejectsARowWithTextWhereANumberBelongsNamingTheFieldAndKeepsTheOtherRows() {
        String badLatitude = JBU1097.replace("38.9696", "\"38.9696\"");

        Snapshot snapshot = parser.parse(snapshot(NKS2003, badLatitude), SOURCE);

        assertThat(snapshot.stateVectors()).extracting(OpenSkyStateVector::getIcao24).containsExactly("a65527");
        assertThat(snapshot.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.reason()).contains("latitude");
            assertThat(new String(rejected.bytes(), UTF_8)).contains("\"38.9696\"").contains("a34d98");
        });
    }

    @Test
    void rejectsAPositionSourceBeyondAnIntRatherThanWrappingIt() {
        // Regression: (int) 4294967296L is 0, which would have passed for ADS-B.
        String wrapped = NKS2003.replace(",false,0]", ",false,4294967296]");

        Snapshot snapshot = parser.parse(snapshot(wrapped), SOURCE);

        assertThat(snapshot.stateVectors()).isEmpty();
        assertThat(snapshot.rejected()).extracting(RejectedRow::reason)
                .containsExactly("state 0: position_source (field 16) should be a small integer, was 4294967296");
    }

    @Test
    void rejectsARowWithFewerThanSeventeenFields() {
        String sixteenFields = NKS2003.replace(",false,0]", ",false]");

        Snapshot snapshot = parser.parse(snapshot(sixteenFields, JBU1097), SOURCE);

        assertThat(snapshot.stateVectors()).extracting(OpenSkyStateVector::getIcao24).containsExactly("a34d98");
        assertThat(snapshot.rejected()).extracting(RejectedRow::index, RejectedRow::reason)
                .containsExactly(tuple(0, "state 0: not an array of at least 17 fields"));
    }

    @Test
    void rejectsARowWithoutIcao24() {
        String noIcao24 = NKS2003.replace("\"a65527\"", "null");

        Snapshot snapshot = parser.parse(snapshot(JBU1097, noIcao24), SOURCE);

        assertThat(snapshot.stateVectors()).extracting(OpenSkyStateVector::getIcao24).containsExactly("a34d98");
        assertThat(snapshot.rejected()).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).isEqualTo("state 1: icao24 is missing"));
    }

    @Test
    void keepsTheSensorIdsOfARow() {
        String withSensors = NKS2003.replace(",0,null,6659.88,", ",0,[1433,-1408237098],6659.88,");

        Snapshot snapshot = parser.parse(snapshot(withSensors), SOURCE);

        assertThat(snapshot.stateVectors()).singleElement()
                .satisfies(vector -> assertThat(vector.getSensors()).containsExactly(1433, -1408237098));
    }

    @Test
    void rejectsARowWhoseSensorsAreNotSensorIds() {
        String textSensors = NKS2003.replace(",0,null,6659.88,", ",0,[\"1433\",\"x\"],6659.88,");

        Snapshot snapshot = parser.parse(snapshot(textSensors, JBU1097), SOURCE);

        assertThat(snapshot.stateVectors()).extracting(OpenSkyStateVector::getIcao24).containsExactly("a34d98");
        assertThat(snapshot.rejected()).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).contains("sensors"));
    }

    @Test
    void keepsTheCategoryOfAnExtendedEighteenFieldRow() {
        String extended = NKS2003.replace(",false,0]", ",false,0,4]");

        Snapshot snapshot = parser.parse(snapshot(extended), SOURCE);

        assertThat(snapshot.stateVectors()).singleElement()
                .satisfies(vector -> assertThat(vector.getCategory()).isEqualTo(4));
    }

    private static byte[] snapshot(String... rows) {
        return ("{\"time\":1678803647,\"states\":[" + String.join(",", rows) + "]}").getBytes(UTF_8);
    }

    static byte[] classpathBytes(String path) throws IOException {
        try (InputStream in = OpenSkyStatesParserTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }
}

package dev.contrail.benchmarks.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final long START = 1_795_000_000L;
    private static final AvroSerde<OpenSkyStateVector> SERDE = AvroSerde.of(OpenSkyStateVector.class);
    /** Three periods of the default fleet with seed 42, all in coverage from the start, shared by the tests that only read them. */
    private static final List<OpenSkyStateVector> SEED_42 = take(new TrafficGenerator(TrafficSettings.of(42, START).allAtOnce()), 30_000);

    @Test
    void theSameSeedGivesTheSameFirst10000VectorsByteForByte() {
        List<byte[]> first = SEED_42.subList(0, 10_000).stream().map(TrafficGeneratorTest::encode).toList();
        List<byte[]> second = take(new TrafficGenerator(TrafficSettings.of(42, START).allAtOnce()), 10_000).stream().map(TrafficGeneratorTest::encode).toList();
        List<Integer> different = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            if (!java.util.Arrays.equals(first.get(i), second.get(i))) {
                different.add(i);
            }
        }
        assertThat(second).hasSize(10_000);
        assertThat(different).as("vectors that differ").isEmpty();
    }

    @Test
    void aDifferentSeedGivesDifferentTraffic() {
        List<OpenSkyStateVector> first = SEED_42.subList(0, 10_000);
        List<OpenSkyStateVector> other = take(new TrafficGenerator(TrafficSettings.of(43, START).allAtOnce()), 10_000);
        assertThat(other).isNotEqualTo(first);
        long samePositions = 0;
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).getLatitude().equals(other.get(i).getLatitude())) {
                samePositions++;
            }
        }
        assertThat(samePositions).isLessThan(100);
        assertThat(icao24s(other)).doesNotContainAnyElementsOf(icao24s(first).stream().limit(100).toList());
    }

    @Test
    void everyAircraftReportsOncePerPeriodInTimeOrder() {
        List<OpenSkyStateVector> vectors = SEED_42;
        assertThat(icao24s(vectors.subList(0, 10_000))).hasSize(10_000);
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            OpenSkyStateVector v = vectors.get(i);
            if (i > 0 && v.getLastContact() < vectors.get(i - 1).getLastContact()) {
                violations.add(i + ": earlier than the one before");
            }
            if (i >= 10_000) {
                OpenSkyStateVector previous = vectors.get(i - 10_000);
                long interval = v.getLastContact() - previous.getLastContact();
                if (!v.getIcao24().equals(previous.getIcao24()) || interval < 4 || interval > 6) {
                    violations.add(i + ": not the same aircraft 5 s later");
                }
            }
            if (v.getSnapshotTime() < v.getLastContact()) {
                violations.add(i + ": snapshot before last contact");
            }
        }
        assertThat(violations).isEmpty();
        assertThat(vectors.get(0).getLastContact()).isEqualTo(START);
        assertThat(vectors.get(29_999).getLastContact()).isEqualTo(START + 14);
        var generator = new TrafficGenerator(new TrafficSettings(4, 1, START, 5, 0));
        take(generator, 6);
        assertThat(generator.nextTime()).isEqualTo(START + 5 + 2 * 5 / 4.0);
        assertThat(generator.generated()).isEqualTo(6);
        assertThat(TrafficSettings.of(1, START).vectorsPerSimulatedSecond()).isEqualTo(2_000);
    }

    @Test
    void theDefaultFleetComesIntoCoverageOverHalfAMinute() {
        var generator = new TrafficGenerator(TrafficSettings.of(42, START));
        // Aircraft i appears in round floor(6i/10,000): 1,667 more each 5 s, all 10,000 from the sixth period on.
        List<OpenSkyStateVector> vectors = take(generator, 35_002 + 10_000);
        int[] perRound = new int[9];
        for (OpenSkyStateVector v : vectors) {
            int r = (int) ((v.getLastContact() - START) / 5);
            if (r < perRound.length) {
                perRound[r]++;
            }
        }
        assertThat(perRound).startsWith(1_667, 3_334, 5_000, 6_667, 8_334, 10_000, 10_000);
        assertThat(generator.settings().everyAircraftSeenBy()).isEqualTo(START + 30.0);
        assertThat(TrafficSettings.of(42, START).allAtOnce().everyAircraftSeenBy()).isEqualTo(START + 5.0);
        // The same aircraft as when all of them report from the start, only later: the first one is the same vector.
        assertThat(vectors.get(0)).isEqualTo(SEED_42.get(0));
        assertThat(icao24s(vectors)).hasSize(10_000);
    }

    @Test
    void vectorsLookLikeOpenSkys() {
        int onGround = 0;
        List<OpenSkyStateVector> wrong = new ArrayList<>();
        for (OpenSkyStateVector v : SEED_42) {
            boolean ok = v.getIcao24().matches("[0-9a-f]{6}")
                    && v.getCallsign().matches("CTR[0-9]{1,5} *") && v.getCallsign().length() == 8
                    && v.getSquawk().matches("[0-7]{4}") && !Set.of("7500", "7600", "7700").contains(v.getSquawk())
                    && v.getOriginCountry().equals("Benchmark")
                    && v.getLatitude() >= -90 && v.getLatitude() <= 90
                    && v.getLongitude() >= -180 && v.getLongitude() <= 180
                    && v.getTrueTrack() >= 0 && v.getTrueTrack() < 360
                    && v.getVelocity() >= 0 && v.getVelocity() <= 250
                    && v.getTimePosition().equals(v.getLastContact())
                    && v.getPositionSource() == 0 && v.getSpi() == Boolean.FALSE
                    && v.getSource().equals("benchmark:seed-42");
            if (v.getOnGround()) {
                onGround++;
                ok &= v.getBaroAltitude() == null && v.getGeoAltitude() == null && v.getVerticalRate() == null && v.getVelocity() <= 85;
            } else {
                ok &= v.getBaroAltitude() >= -500 && v.getBaroAltitude() <= 11_000
                        && v.getGeoAltitude() > v.getBaroAltitude()
                        && v.getVerticalRate() >= -25 && v.getVerticalRate() <= 11;
            }
            if (!ok) {
                wrong.add(v);
            }
        }
        assertThat(wrong).isEmpty();
        // About one in ten starts on the ground.
        assertThat(onGround).isBetween(3 * 700, 3 * 1_300);
    }

    @Test
    void theVectorsAreValidOnTheRawTopic() {
        for (OpenSkyStateVector v : SEED_42.subList(0, 100)) {
            assertThat(SERDE.deserialize(Topics.OPENSKY_STATE_VECTORS, encode(v))).isEqualTo(v);
        }
    }

    @Test
    void icao24sAreUniqueForEveryAircraft() {
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            addresses.add(TrafficGenerator.icao24(99, i));
        }
        assertThat(addresses).hasSize(200_000);
    }

    @Test
    void positionsMoveByGroundSpeedTimesTime() {
        List<OpenSkyStateVector> vectors = take(new TrafficGenerator(new TrafficSettings(500, 11, START, 5, 0)), 500 * 20);
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 500; i < vectors.size(); i++) {
            OpenSkyStateVector now = vectors.get(i);
            OpenSkyStateVector before = vectors.get(i - 500);
            if (!now.getOnGround() && !before.getOnGround()) {
                double moved = GreatCircle.distanceM(before.getLatitude(), before.getLongitude(), now.getLatitude(), now.getLongitude());
                double expected = (before.getVelocity() + now.getVelocity()) / 2 * 5;
                if (Math.abs(moved - expected) > 1) {
                    wrong.add(now.getIcao24() + " moved " + moved + " m, expected " + expected);
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(8_000);
    }

    private static List<OpenSkyStateVector> take(TrafficGenerator generator, int count) {
        List<OpenSkyStateVector> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(generator.next());
        }
        return vectors;
    }

    private static byte[] encode(OpenSkyStateVector vector) {
        return SERDE.serialize(Topics.OPENSKY_STATE_VECTORS, vector);
    }

    private static Set<String> icao24s(List<OpenSkyStateVector> vectors) {
        Set<String> addresses = new HashSet<>();
        vectors.forEach(v -> addresses.add(v.getIcao24()));
        return addresses;
    }
}

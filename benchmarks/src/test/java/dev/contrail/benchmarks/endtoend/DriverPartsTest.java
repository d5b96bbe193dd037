package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.benchmarks.traffic.Airports;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriverPartsTest {

    @Test
    void eachRunGetsADatabaseOfItsOwnOnTheSameServer() {
        assertThat(BenchmarkSuite.withDatabase("jdbc:postgresql://localhost:5432/postgres?user=postgres", "contrail_run_2"))
                .isEqualTo("jdbc:postgresql://localhost:5432/contrail_run_2?user=postgres");
        assertThat(BenchmarkSuite.withDatabase("jdbc:postgresql://localhost:5432/postgres", "x")).isEqualTo("jdbc:postgresql://localhost:5432/x");
        assertThat(CpuAccounting.port("jdbc:postgresql://localhost:36045/postgres?user=postgres")).isEqualTo(36045);
    }

    @Test
    void eachRunHasConsumerGroupsOfItsOwn() {
        assertThat(BenchmarkSuite.applicationIdPrefix(1)).isNotEqualTo(BenchmarkSuite.applicationIdPrefix(2)).startsWith("contrail-");
    }

    @Test
    void sendKeysTellStateVectorsApart() {
        Set<Long> keys = new HashSet<>();
        for (String icao24 : List.of("000000", "a65527", "ffffff", "3c6444")) {
            for (long contact = 1_795_000_000L; contact < 1_795_000_100L; contact++) {
                keys.add(LoadProducer.key(icao24, contact));
            }
        }
        assertThat(keys).hasSize(400);
    }

    @Test
    void viewportsAreDeterministicAndStayOnTheMap() {
        var one = new ViewportBoxes(Airports.bundled(), 5, 4, 6);
        var two = new ViewportBoxes(Airports.bundled(), 5, 4, 6);
        for (int i = 0; i < 1_000; i++) {
            ViewportBoxes.Box box = one.next();
            assertThat(two.next()).isEqualTo(box);
            assertThat(box.south()).isGreaterThanOrEqualTo(-90);
            assertThat(box.north()).isLessThanOrEqualTo(90).isCloseTo(box.south() + 4, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(box.west()).isGreaterThanOrEqualTo(-180).isLessThan(box.east());
            assertThat(box.east()).isLessThanOrEqualTo(180);
        }
        assertThat(new ViewportBoxes(Airports.bundled(), 5, 4, 6).next().graphQl()).matches("\\{south: -?[0-9.]+, west: -?[0-9.]+, north: -?[0-9.]+, east: -?[0-9.]+}");
    }

    @Test
    void copyTextWritesNullsAsCopyExpectsThem() {
        var vector = OpenSkyStateVector.newBuilder().setIcao24("a65527").setCallsign("CTR1    ").setOriginCountry("Benchmark")
                .setTimePosition(1L).setLastContact(2L).setLongitude(-77.5).setLatitude(38.9).setBaroAltitude(null).setOnGround(true)
                .setVelocity(0.0).setTrueTrack(90.0).setVerticalRate(null).setGeoAltitude(null).setSquawk("1234").setSpi(false)
                .setPositionSource(0).setSnapshotTime(5L).setSource("benchmark:seed-1").build();
        assertThat(new String(PostgresRawLimits.copyText(List.of(vector)), StandardCharsets.UTF_8))
                .isEqualTo("a65527\tCTR1    \tBenchmark\t1\t2\t-77.5\t38.9\t\\N\ttrue\t0.0\t90.0\t\\N\t\\N\t1234\tfalse\t0\t5\tbenchmark:seed-1\n");
    }

    @Test
    void answersAreCountedByTheirAircraft() {
        assertThat(FlightsQueryLoad.occurrences("{\"icao24\":\"a\"},{\"icao24\":\"b\"}", "\"icao24\"")).isEqualTo(2);
        assertThat(FlightsQueryLoad.occurrences("{}", "\"icao24\"")).isZero();
    }
}

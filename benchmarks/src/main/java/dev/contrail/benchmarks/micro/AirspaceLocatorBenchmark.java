package dev.contrail.benchmarks.micro;

import dev.contrail.domain.airspace.Containment;
import dev.contrail.infrastructure.airspace.definitions.GeoJsonAirspaces;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of locating one aircraft position among all bundled VAT-Spy FIR volumes (1,096 volumes, ~1,100
 * multipolygons): what the Airspace presence topology pays per position (ADR 0013).
 *
 * <ul>
 *   <li>{@code locate}: the production lookup — STRtree over envelopes, prepared-geometry containment, and the
 *       boundary-margin test of each candidate (ADR 0014);</li>
 *   <li>{@code containing}: exact containment alone, no margins.</li>
 * </ul>
 * {@code positions=world}: 4,096 positions spread uniformly over the globe's surface between 60° S and 75° N (most in
 * large oceanic FIRs); {@code positions=dulles}: 4,096 positions within 50 km of Dulles, all in KZDC.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AirspaceLocatorBenchmark {

    private static final int POSITIONS = 4096;

    @Param({"world", "dulles"})
    public String positions;

    private AirspaceLocator locator;
    private double[] latitudes;
    private double[] longitudes;
    private int next;

    @Setup
    public void loadTheBundledFirs() throws IOException {
        locator = new AirspaceLocator(250, 30);
        try (InputStream in = new GZIPInputStream(AirspaceLocatorBenchmark.class.getResourceAsStream("/airspace/vatspy-boundaries.geojson.gz"))) {
            locator.update(GeoJsonAirspaces.read(in).volumes().stream()
                    .map(v -> new AirspaceLocator.Shape(v.id(), v.boundary(), v.verticalLimits())).toList(), List.of());
        }
        var random = new SplittableRandom(20261126);
        latitudes = new double[POSITIONS];
        longitudes = new double[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            if (positions.equals("world")) {
                double sinSouth = Math.sin(Math.toRadians(-60));
                double sinNorth = Math.sin(Math.toRadians(75));
                latitudes[i] = Math.toDegrees(Math.asin(sinSouth + random.nextDouble() * (sinNorth - sinSouth)));
                longitudes[i] = -180 + random.nextDouble() * 360;
            } else {
                latitudes[i] = 38.9445 + (random.nextDouble() - 0.5) * 0.9;
                longitudes[i] = -77.4558 + (random.nextDouble() - 0.5) * 1.15;
            }
        }
    }

    @Benchmark
    public Map<String, Containment> locate() {
        int i = next++ & (POSITIONS - 1);
        return locator.locate(latitudes[i], longitudes[i], 10_000.0);
    }

    @Benchmark
    public List<String> containing() {
        int i = next++ & (POSITIONS - 1);
        return locator.containing(latitudes[i], longitudes[i]);
    }
}

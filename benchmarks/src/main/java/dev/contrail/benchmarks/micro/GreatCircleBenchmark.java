package dev.contrail.benchmarks.micro;

import dev.contrail.benchmarks.traffic.GreatCircle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The generator's navigation maths, StrictMath for reproducibility: what that choice costs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GreatCircleBenchmark {

    // Dulles to Heathrow; fields, not constants, so that the JIT cannot fold the maths away.
    public double lat1 = 38.9445;
    public double lon1 = -77.455803;
    public double lat2 = 51.4706;
    public double lon2 = -0.461941;
    public double fraction = 0.37;

    @Benchmark
    public double distance() {
        return GreatCircle.distanceM(lat1, lon1, lat2, lon2);
    }

    @Benchmark
    public double initialBearing() {
        return GreatCircle.initialBearingDeg(lat1, lon1, lat2, lon2);
    }

    @Benchmark
    public GreatCircle.Point intermediatePoint() {
        return GreatCircle.intermediatePoint(lat1, lon1, lat2, lon2, fraction);
    }
}

package dev.contrail.benchmarks.micro;

import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What one state vector of the load costs the driver, which shares the machine with Contrail. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrafficGeneratorBenchmark {

    private TrafficGenerator generator;

    @Setup
    public void setUp() {
        generator = new TrafficGenerator(TrafficSettings.of(1, 1_795_000_000L));
    }

    @Benchmark
    public OpenSkyStateVector nextStateVector() {
        return generator.next();
    }
}

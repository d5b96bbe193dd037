package dev.contrail.benchmarks.micro;

import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The raw topic's serde (Avro single-object encoding) on a generated state vector: paid once per vector on each side. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateVectorSerdeBenchmark {

    private final AvroSerde<OpenSkyStateVector> serde = AvroSerde.of(OpenSkyStateVector.class);
    private OpenSkyStateVector vector;
    private byte[] bytes;

    @Setup
    public void setUp() {
        vector = new TrafficGenerator(TrafficSettings.of(1, 1_795_000_000L)).next();
        bytes = serde.serialize(Topics.OPENSKY_STATE_VECTORS, vector);
    }

    @Benchmark
    public byte[] serialize() {
        return serde.serialize(Topics.OPENSKY_STATE_VECTORS, vector);
    }

    @Benchmark
    public OpenSkyStateVector deserialize() {
        return serde.deserialize(Topics.OPENSKY_STATE_VECTORS, bytes);
    }
}

package dev.contrail.projections;

import dev.contrail.projections.Generation.State;
import dev.contrail.projections.ProjectionStatus.GenerationStatus;
import dev.contrail.readmodels.projection.ProjectionGeneration;
import dev.contrail.readmodels.projection.StagedWrites;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One running generation (ADR 0010): its pool, its Kafka Streams application (none while frozen: built by another
 * code version), its batching policy and what the monitor last measured of it. It is what the projection's topology
 * writes through ({@link ProjectionGeneration}).
 */
final class RunningGeneration implements ProjectionGeneration {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    final Generation record;
    final GenerationDataSource pool;
    final GenerationBatching batching;
    final GenerationProgress progress = new GenerationProgress();
    private final NamedParameterJdbcTemplate jdbc;
    private final AtomicBoolean serving;
    volatile KafkaStreams streams;
    volatile KafkaStreamsMetrics metrics;
    volatile String failure;
    volatile Instant servingSince;

    RunningGeneration(Generation record, GenerationDataSource pool, boolean serving) {
        this.record = record;
        this.pool = pool;
        this.jdbc = new NamedParameterJdbcTemplate(pool);
        this.serving = new AtomicBoolean(serving);
        this.servingSince = record.servingSince();
        this.batching = new GenerationBatching(serving);
    }

    @Override
    public BooleanSupplier batching(StagedWrites writer) {
        return batching.register(writer);
    }

    @Override
    public int number() {
        return record.number();
    }

    @Override
    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public boolean serving() {
        return serving.get();
    }

    /** From now on it serves: it tells subscribers. */
    void serve() {
        servingSince = Instant.now();
        serving.set(true);
    }

    /** From now on it no longer serves: it tells no subscriber. */
    void retire() {
        serving.set(false);
    }

    KafkaStreams.State streamsState() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    ReplayProgress progress(State state, String reason) {
        return progress.report(record, state, reason);
    }

    GenerationStatus status() {
        KafkaStreams.State state = streamsState();
        return new GenerationStatus(record.number(), record.version(), serving() ? State.SERVING : State.REBUILDING,
                record.schema(), record.applicationId(), record.startedAt(), servingSince,
                state == null ? "NOT_RUNNING" : state.name(), progress.processed(), progress.lag(), progress.partitions());
    }

    /** Closes its Kafka Streams application (leaving the group and removing local state if {@code cleanUp}) and its pool. */
    void close(boolean cleanUp) {
        KafkaStreams current = streams;
        if (current != null) {
            current.close(new KafkaStreams.CloseOptions().leaveGroup(cleanUp).timeout(CLOSE_TIMEOUT));
            if (cleanUp) {
                current.cleanUp();
            }
        }
        if (metrics != null) {
            metrics.close();
        }
        pool.close();
    }
}

package dev.contrail.projections;

import dev.contrail.projections.Generation.State;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one generation outside the registry table (ADR 0010): its record, the start of its pool and Kafka
 * Streams application, its switch to a durable pool when it takes over, and its removal — application, consumer group,
 * internal topics, local state, pool and schema.
 */
final class GenerationLauncher {

    private static final Logger log = LoggerFactory.getLogger(GenerationLauncher.class);

    private final GenerationSchemas schemas;
    private final StreamsApps apps;
    private final MeterRegistry meters;

    GenerationLauncher(GenerationSchemas schemas, StreamsApps apps, MeterRegistry meters) {
        this.schemas = schemas;
        this.apps = apps;
        this.meters = meters;
    }

    /** The record of a new generation numbered {@code number}: its schema and application.id are named after it. */
    Generation record(ProjectionDefinition definition, int number, State state) {
        Instant now = Instant.now();
        return new Generation(definition.name(), number, definition.version(), state,
                GenerationSchemas.schemaName(definition.name(), number), apps.ids().generation(definition.name(), number),
                now, state == State.SERVING ? now : null, null, null);
    }

    /** Starts a generation's Kafka Streams application on a pool of its own (not durable while it rebuilds). */
    RunningGeneration launch(ProjectionDefinition definition, Generation record, boolean serving) {
        // A rebuilding generation writes without waiting for the disk until it takes over (GenerationSchemas#dataSource).
        var pool = new GenerationDataSource(schemas.dataSource(record.schema(), poolName(record), serving));
        RunningGeneration generation = new RunningGeneration(record, pool, serving);
        KafkaStreams streams = apps.streams(record.applicationId(), generation.batching.beforeCommit(),
                builder -> definition.topology().addTo(builder, generation));
        streams.setUncaughtExceptionHandler(exception -> {
            if (TransientFailures.isTransient(exception)) {
                // The database away: a new thread goes on from the last committed offsets once it is back (ADR 0025).
                log.warn("Projection {} generation {}: a stream thread failed transiently; replacing it: {}", record.projection(),
                        record.number(), exception.getMessage());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            generation.failure = exception.getClass().getSimpleName() + ": " + exception.getMessage();
            log.error("Projection {} generation {} stopped on an error", record.projection(), record.number(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        generation.streams = streams;
        generation.metrics = new KafkaStreamsMetrics(streams, StreamsApps.metricTags(record.applicationId(), record.projection(),
                String.valueOf(record.number())));
        generation.metrics.bindTo(meters);
        streams.start();
        return generation;
    }

    /** A serving generation built by other code: it keeps serving what it holds, with no application running it. */
    RunningGeneration frozen(Generation record) {
        return new RunningGeneration(record, new GenerationDataSource(schemas.dataSource(record.schema(), poolName(record), true)), true);
    }

    /** A rebuilt generation takes over: from now on its commits wait for the disk, since Kafka offsets follow them. */
    void makeDurable(RunningGeneration generation) {
        generation.pool.useDurable(schemas.dataSource(generation.record.schema(), poolName(generation.record), true));
    }

    /** Removes a generation that no longer serves: its Kafka Streams application and state, its pool, its schema. */
    void discard(RunningGeneration generation, OffsetsSource kafka) {
        generation.close(true);
        try {
            kafka.deleteApplication(generation.record.applicationId());
        } catch (RuntimeException e) {
            log.warn("Could not delete the Kafka state of {}: {}", generation.record.applicationId(), e.getMessage());
        }
        schemas.drop(generation.record.schema());
    }

    private static String poolName(Generation record) {
        return record.projection() + "-g" + record.number();
    }
}

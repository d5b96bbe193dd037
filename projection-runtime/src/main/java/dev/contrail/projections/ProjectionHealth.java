package dev.contrail.projections;

import org.apache.kafka.streams.KafkaStreams;

/** How a projection is doing, as operators see it (GraphQL {@code projections}, health): pure functions of its state. */
final class ProjectionHealth {

    private ProjectionHealth() {
    }

    /**
     * {@code FAILED} when the serving generation stopped on an error (queries see its last state), {@code STALE} when
     * it was built by another code version (kept serving while its replacement rebuilds), {@code REBUILDING} while a
     * new generation builds, else {@code RUNNING}.
     *
     * @param servingFailure what the serving generation's stream thread failed on, or null
     * @param servingVersion the code version that built the serving generation
     * @param codeVersion    the projection's code version now
     * @param rebuilding     whether a new generation is being built
     */
    static String state(String servingFailure, int servingVersion, int codeVersion, boolean rebuilding) {
        if (servingFailure != null) {
            return "FAILED";
        }
        if (servingVersion != codeVersion) {
            return "STALE";
        }
        return rebuilding ? "REBUILDING" : "RUNNING";
    }

    /**
     * Whether a serving generation keeps its read model moving: not failed, and its Kafka Streams application running,
     * rebalancing or about to start. A frozen generation (no application: built by another version) counts as healthy.
     */
    static boolean servingHealthy(String failure, KafkaStreams.State streams) {
        if (streams == null) {
            return true;
        }
        return failure == null && (streams.isRunningOrRebalancing() || streams == KafkaStreams.State.CREATED);
    }
}

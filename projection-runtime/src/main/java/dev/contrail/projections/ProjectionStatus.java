package dev.contrail.projections;

import java.time.Instant;
import java.util.List;

/**
 * A projection as operators see it (GraphQL {@code projections}): which generation serves queries, which one is
 * rebuilding, how far behind each is, and whether anything failed.
 *
 * @param name       the projection
 * @param version    its code version now
 * @param state      {@code RUNNING}, {@code REBUILDING}, {@code FAILED} (the serving generation stopped on an error:
 *                   queries see its last state until a rebuild replaces it) or {@code STALE} (built by another
 *                   version, kept serving while its replacement rebuilds)
 * @param reason     why it failed
 * @param serving    the generation queries read
 * @param rebuilding the generation being built next to it, if any
 * @param progress   the rebuild's progress, or the last one's outcome
 */
public record ProjectionStatus(String name, int version, String state, String reason, GenerationStatus serving,
                               GenerationStatus rebuilding, ReplayProgress progress) {

    /**
     * @param eventsProcessed records of the input topics processed (committed) by this generation
     * @param lag             records of the input topics not processed yet
     */
    public record GenerationStatus(int generation, int version, Generation.State state, String schema, String applicationId,
                                   Instant startedAt, Instant servingSince, String streamsState, long eventsProcessed,
                                   long lag, List<PartitionLag> partitions) {
    }

    public record PartitionLag(String topic, int partition, long committed, long end, long lag) {
    }
}

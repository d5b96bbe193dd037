package dev.contrail.projections;

import java.time.Instant;

/**
 * One generation of a projection, as the registry table {@code projection_generation} records it (ADR 0010).
 *
 * @param projection    the projection's name
 * @param number        1 for the projection's first generation, then one more per rebuild
 * @param version       the projection's code version that built it
 * @param state         where it is in its life
 * @param schema        the PostgreSQL schema holding its tables
 * @param applicationId its Kafka Streams application.id (and consumer group)
 * @param startedAt     when it was created
 * @param servingSince  when it started serving queries, if it did
 * @param endedAt       when it stopped (retired, failed or cancelled)
 * @param reason        why it failed or was cancelled
 */
public record Generation(String projection, int number, int version, State state, String schema, String applicationId,
                         Instant startedAt, Instant servingSince, Instant endedAt, String reason) {

    public enum State {
        /** Its tables are behind the views in {@code public}: queries read it. */
        SERVING,
        /** Being built from the beginning of the topics, next to the serving generation. */
        REBUILDING,
        /** Replaced by a newer generation; its tables and Kafka Streams state are gone. */
        RETIRED,
        /** Its rebuild stopped on an error; the serving generation was not touched. */
        FAILED,
        /** Its rebuild was cancelled, or interrupted by a shutdown; the serving generation was not touched. */
        CANCELLED
    }
}

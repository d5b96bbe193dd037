package dev.contrail.projections;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a projection's storage needs at start-up, before queries and JPA read its views (ADR 0010), decided from the
 * registry table and the schemas that exist: a rebuild interrupted by a stop or a crash is discarded; a serving
 * generation whose schema is gone is marked failed and replaced; a projection with no serving generation gets a first
 * one, built from the beginning of its topics. A pure function: {@link ProjectionRegistry} carries the plan out.
 *
 * @param interrupted a generation still REBUILDING: to mark CANCELLED, its schema dropped and its Kafka state deleted
 * @param lost        a SERVING generation whose schema is missing: to mark FAILED and its Kafka state deleted
 * @param serving     the serving generation to point the views at, or empty when a first one must be created
 */
record StartupRecovery(Optional<Generation> interrupted, Optional<Generation> lost, Optional<Generation> serving) {

    static StartupRecovery plan(Optional<Generation> rebuilding, Optional<Generation> serving, Predicate<String> schemaExists) {
        Optional<Generation> lost = serving.filter(generation -> !schemaExists.test(generation.schema()));
        return new StartupRecovery(rebuilding, lost, lost.isPresent() ? Optional.empty() : serving);
    }

    /** Whether a first generation must be created (and built from the topics' beginning). */
    boolean createsFirst() {
        return serving.isEmpty();
    }
}

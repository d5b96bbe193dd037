package dev.contrail.readmodels.projection;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What one generation of a projection writes to (ADR 0010): its own schema, and the subscribers only once it
 * serves queries. A generation that is rebuilding replays history; telling subscribers about it would replay
 * yesterday's traffic onto today's live map.
 */
public interface ProjectionGeneration {

    /** The generation's number, 1 for a projection's first. */
    int number();

    /** JDBC bound to the generation's own schema: unqualified table names are the generation's tables. */
    NamedParameterJdbcTemplate jdbc();

    /** Whether this generation serves queries now. */
    boolean serving();

    /**
     * Registers a writer that can stage records and write them in batches ({@link StagedWrites}), and returns whether
     * it may do so now: while the generation rebuilds, until the registry, about to switch it over, asks for every
     * write to go through at once — then it waits until nothing is staged. A topology that batches asks before each
     * record, flushes as soon as the answer turns false, and flushes at least every fraction of a second.
     */
    BooleanSupplier batching(StagedWrites writer);

    /** Passes changes on to {@code subscribers} while this generation serves queries, and drops them before. */
    default <T> Consumer<T> whileServing(Consumer<T> subscribers) {
        return change -> {
            if (serving()) {
                subscribers.accept(change);
            }
        };
    }
}

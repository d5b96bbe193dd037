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
     * Registers what a topology stages to write in batches (ADR 0020): the generation writes it before its Kafka
     * Streams application commits offsets, and before a rebuilt generation takes over. Returns whether the topology
     * may write in the large batches of a rebuild now: true while the generation rebuilds and tells no subscriber,
     * false once it serves or is about to take over — then it writes small batches, often, and tells the subscribers.
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

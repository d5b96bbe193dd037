package dev.contrail.projections;

import dev.contrail.projections.streams.FlushBeforeCommit;
import dev.contrail.readmodels.projection.StagedWrites;
import java.util.function.BooleanSupplier;

/**
 * A generation's batching policy (ADR 0020, ADR 0010). A serving generation's writers stage small batches that are
 * written before its Kafka Streams application commits offsets. A rebuilding generation's commits do not wait for its
 * batches — a rebuild that stops before it takes over is discarded — so its writers may gather large ones; before it
 * takes over, {@link #writeThrough()} ends that: everything staged is written, and from then on every flush before a
 * commit writes.
 */
final class GenerationBatching {

    private final FlushBeforeCommit beforeCommit = new FlushBeforeCommit();
    private volatile boolean writeThrough;

    /** @param writeThrough true for a generation that serves from its start */
    GenerationBatching(boolean writeThrough) {
        this.writeThrough = writeThrough;
    }

    /** What the generation's consumer runs before it commits offsets. */
    FlushBeforeCommit beforeCommit() {
        return beforeCommit;
    }

    /** Registers a writer's batches; returns whether it may gather the large batches of a rebuild now. */
    BooleanSupplier register(StagedWrites writer) {
        beforeCommit.register(() -> {
            if (writeThrough) {
                writer.flush();
            }
        });
        return () -> !writeThrough;
    }

    /** Leaves bulk mode: writes what every writer staged, and from now on flushes before every commit. */
    void writeThrough() {
        writeThrough = true;
        beforeCommit.flushAll();
    }

    boolean writesThrough() {
        return writeThrough;
    }
}

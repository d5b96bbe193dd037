package dev.contrail.infrastructure.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a stream processor stages on its thread and sends as one batch (ADR 0020, ADR 0044): when {@code size} are
 * staged, when the oldest has waited {@code maxWaitMs}, and whenever asked — before Kafka Streams commits offsets
 * ({@link BeforeCommit}) and on close. Not thread-safe: the stream thread alone stages and flushes.
 */
public final class StagedBatch<T> {

    /**
     * Where a processor registers the flush that must run on the stream thread before its application commits offsets
     * (the projection runtime's {@code FlushBeforeCommit}, in production). Returns what unregisters it.
     */
    @FunctionalInterface
    public interface BeforeCommit {
        Runnable register(Runnable flush);
    }

    private final int size;
    private final long maxWaitMs;
    private final Consumer<List<T>> sender;
    private final List<T> staged = new ArrayList<>();
    private long firstStagedAt = -1;

    /** @param sender sends a batch (never empty) in the order staged; what it throws, {@link #flush} throws */
    public StagedBatch(int size, long maxWaitMs, Consumer<List<T>> sender) {
        if (size < 1 || maxWaitMs < 0) {
            throw new IllegalArgumentException("a batch takes 1 or more, and waits 0 ms or more");
        }
        this.size = size;
        this.maxWaitMs = maxWaitMs;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Stages one; sends the batch at once if it is full. {@code now} is the stream thread's wall clock, in ms. */
    public void add(T item, long now) {
        if (staged.isEmpty()) {
            firstStagedAt = now;
        }
        staged.add(item);
        if (staged.size() >= size) {
            flush();
        }
    }

    /** Sends the batch if its oldest has waited long enough. */
    public void flushIfDue(long now) {
        if (!staged.isEmpty() && now - firstStagedAt >= maxWaitMs) {
            flush();
        }
    }

    /** Sends what is staged, if anything. The batch is taken before it is sent: a failure does not send it again. */
    public void flush() {
        if (staged.isEmpty()) {
            return;
        }
        List<T> batch = List.copyOf(staged);
        staged.clear();
        firstStagedAt = -1;
        sender.accept(batch);
    }

    public boolean isEmpty() {
        return staged.isEmpty();
    }
}

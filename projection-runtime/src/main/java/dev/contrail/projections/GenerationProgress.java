package dev.contrail.projections;

import dev.contrail.projections.Generation.State;
import dev.contrail.projections.ProjectionStatus.PartitionLag;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the monitor last measured of one generation (ADR 0010): lag and records processed, and for a rebuild how much
 * of what the topics held when it started, at what rate (smoothed), and so how long it still needs. Written by the
 * monitor's thread only; read by anyone.
 */
final class GenerationProgress {

    /** Weight of the newest rate measured in the smoothed rate. */
    static final double SMOOTHING = 0.3;

    // Rebuild only: where the topics began and ended when it started.
    private Map<TopicPartition, Long> earliest = Map.of();
    private Map<TopicPartition, Long> targets = Map.of();
    private volatile long total;
    private volatile long done;
    private volatile boolean reachedTargets;
    private volatile double rate;
    private volatile long lag;
    private volatile long processed;
    private volatile List<PartitionLag> partitions = List.of();
    private long lastProcessed = -1;
    private long lastNanos;

    /** A rebuild: it has to process what the topics hold from {@code earliest} to {@code targets}. */
    void rebuildFrom(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> targets) {
        this.earliest = Map.copyOf(earliest);
        this.targets = Map.copyOf(targets);
        this.total = OffsetsSnapshot.total(earliest, targets);
    }

    /** One look at the generation's committed offsets, at {@code nanos} ({@link System#nanoTime()}). */
    void measure(List<TopicPartition> mine, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                 Map<TopicPartition, Long> starts, long nanos) {
        OffsetsSnapshot offsets = OffsetsSnapshot.of(mine, committed, ends, starts, earliest, targets);
        lag = offsets.lag();
        processed = offsets.processed();
        partitions = offsets.partitions();
        done = offsets.done();
        reachedTargets = offsets.reachedTargets();
        if (lastProcessed >= 0 && nanos > lastNanos) {
            double instant = (offsets.processed() - lastProcessed) * 1e9 / (nanos - lastNanos);
            rate = rate == 0 ? instant : (1 - SMOOTHING) * rate + SMOOTHING * instant;
        }
        lastProcessed = offsets.processed();
        lastNanos = nanos;
    }

    /** The report of a rebuild in {@code state}: done and total, rate, ETA while it rebuilds (0 once it is over). */
    ReplayProgress report(Generation record, State state, String reason) {
        Double eta = state != State.REBUILDING ? Double.valueOf(0) : rate > 0 ? Math.max(0, total - done) / rate : null;
        return new ReplayProgress(record.projection(), record.number(), state, state == State.SERVING ? total : done, total,
                rate, eta, lag, reason);
    }

    long total() {
        return total;
    }

    long done() {
        return done;
    }

    boolean reachedTargets() {
        return reachedTargets;
    }

    double rate() {
        return rate;
    }

    long lag() {
        return lag;
    }

    long processed() {
        return processed;
    }

    List<PartitionLag> partitions() {
        return partitions;
    }
}

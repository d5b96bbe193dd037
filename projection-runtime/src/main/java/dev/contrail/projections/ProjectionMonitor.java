package dev.contrail.projections;

import dev.contrail.readmodels.projection.ProjectionDefinition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads offsets every {@code progress-interval} (ADR 0010): the committed offsets of every running generation's
 * consumer group and the ends and beginnings of their input topics, in one round of requests for all projections;
 * each generation is then measured against its own group. What follows from the measures (progress reports, the
 * switch-over, failures) is the registry's: it runs as the monitor's {@code tick}, on the monitor's one thread.
 */
final class ProjectionMonitor {

    private final OffsetsSource offsets;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
    private ScheduledExecutorService thread;

    ProjectionMonitor(OffsetsSource offsets) {
        this.offsets = offsets;
    }

    /** The partitions of a projection's input topics (read once: topics do not change their partitions under us). */
    List<TopicPartition> partitions(ProjectionDefinition definition) {
        synchronized (partitions) {
            return partitions.computeIfAbsent(definition.name(), name -> offsets.partitions(definition.inputTopics()));
        }
    }

    /** Offsets now, for every generation of {@code projections}. */
    Look look(Collection<RunningProjection> projections) {
        Set<String> groups = new HashSet<>();
        Set<TopicPartition> inputs = new HashSet<>();
        for (RunningProjection projection : projections) {
            for (RunningGeneration generation : projection.generations()) {
                groups.add(generation.record.applicationId());
            }
            inputs.addAll(partitions(projection.definition));
        }
        return new Look(offsets.committed(groups), offsets.latest(inputs), offsets.earliest(inputs), System.nanoTime());
    }

    /** Runs {@code tick} every {@code interval} on a daemon thread of its own, until {@link #stop()}. */
    void start(Duration interval, Runnable tick) {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread monitor = new Thread(runnable, "projection-monitor");
            monitor.setDaemon(true);
            return monitor;
        });
        thread.scheduleWithFixedDelay(tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /** One look at the offsets. */
    final class Look {
        private final Map<String, Map<TopicPartition, Long>> committed;
        private final Map<TopicPartition, Long> ends;
        private final Map<TopicPartition, Long> starts;
        private final long nanos;

        Look(Map<String, Map<TopicPartition, Long>> committed, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts,
             long nanos) {
            this.committed = committed;
            this.ends = ends;
            this.starts = starts;
            this.nanos = nanos;
        }

        /** Measures each of the projection's generations by its own consumer group. Call holding the projection's monitor. */
        void measure(RunningProjection projection) {
            List<TopicPartition> mine = partitions(projection.definition);
            for (RunningGeneration generation : projection.generations()) {
                generation.progress.measure(mine, committed.getOrDefault(generation.record.applicationId(), Map.of()), ends, starts, nanos);
            }
        }
    }
}

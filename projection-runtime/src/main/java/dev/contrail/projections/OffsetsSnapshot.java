package dev.contrail.projections;

import dev.contrail.projections.ProjectionStatus.PartitionLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one generation stands on its input partitions, from offsets (ADR 0010): how far behind the topics' ends it
 * is, how much it has processed, and — for a rebuild — how much of what the topics held when it started.
 *
 * @param lag            records not processed yet, up to the topics' current ends
 * @param processed      records processed since the topics' beginnings
 * @param done           records processed of those the topics held when the rebuild started (0 outside a rebuild)
 * @param reachedTargets whether every partition is processed up to where the topics ended when the rebuild started
 * @param partitions     the same, partition by partition
 */
record OffsetsSnapshot(long lag, long processed, long done, boolean reachedTargets, List<PartitionLag> partitions) {

    /**
     * @param committed the generation's committed offsets; a partition never committed has processed nothing
     *                  (Kafka Streams commits only partitions it has had records from)
     * @param ends      the topics' current end offsets
     * @param starts    the topics' current beginnings (retention may have moved them)
     * @param earliest  the beginnings when the rebuild started (empty outside a rebuild)
     * @param targets   the ends when the rebuild started (empty outside a rebuild)
     */
    static OffsetsSnapshot of(List<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                              Map<TopicPartition, Long> starts, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> targets) {
        long lag = 0;
        long processed = 0;
        long done = 0;
        boolean reached = true;
        List<PartitionLag> lags = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            long start = starts.getOrDefault(partition, 0L);
            long end = ends.getOrDefault(partition, start);
            long position = Math.max(committed.getOrDefault(partition, start), start);
            long behind = Math.max(0, end - position);
            lag += behind;
            processed += position - start;
            lags.add(new PartitionLag(partition.topic(), partition.partition(), position, end, behind));
            if (!targets.isEmpty()) {
                long target = targets.getOrDefault(partition, start);
                long from = earliest.getOrDefault(partition, start);
                done += Math.max(0, Math.min(position, target) - from);
                reached &= position >= target;
            }
        }
        return new OffsetsSnapshot(lag, processed, done, reached, List.copyOf(lags));
    }

    /** Total records a rebuild has to process: what the topics held when it started. */
    static long total(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - earliest.getOrDefault(e.getKey(), 0L))).sum();
    }
}

package dev.contrail.projections;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The offsets the runtime measures progress and lag with, and the clean-up of a generation's Kafka state: Kafka's, through {@link KafkaOffsets}. */
interface OffsetsSource {

    List<TopicPartition> partitions(Collection<String> topics);

    Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions);

    /** The committed offsets of each consumer group (a Kafka Streams application.id); a partition never committed is absent. */
    Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups);

    /** Deletes a closed Kafka Streams application's consumer group and internal topics (changelogs, repartitions). */
    void deleteApplication(String applicationId);
}

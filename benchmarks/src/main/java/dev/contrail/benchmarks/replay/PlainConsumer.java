package dev.contrail.benchmarks.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw limit of figure 4: a plain {@code KafkaConsumer<byte[], byte[]>} of a fresh group, client defaults,
 * reading topics from the beginning to the end offsets they had when it started. Timed from the group's assignment
 * (so the join is not counted) to the last record; nothing is deserialised, records are only counted.
 */
public final class PlainConsumer {

    private final String bootstrapServers;

    public PlainConsumer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** One pass over {@code observationsTopic} and {@code eventsTopic}. */
    public ReplayReport.PlainRead read(String observationsTopic, String eventsTopic, Duration timeout) {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-benchmark-plain-" + UUID.randomUUID());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-benchmark-plain");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(observationsTopic, eventsTopic)) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                if (ends.get(partition) > begins.get(partition)) {
                    remaining.put(partition, ends.get(partition));
                }
            }
            long[] assignedAt = {0};
            consumer.subscribe(List.of(observationsTopic, eventsTopic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    if (assignedAt[0] == 0 && !assigned.isEmpty()) {
                        assignedAt[0] = System.nanoTime();
                    }
                }
            });
            long observations = 0;
            long events = 0;
            long last = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The plain consumer read " + (observations + events) + " records in "
                            + timeout.toSeconds() + " s and did not reach the end of " + remaining.keySet());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue; // past the end it found at the start
                    }
                    if (record.topic().equals(observationsTopic)) {
                        observations++;
                    } else {
                        events++;
                    }
                }
                last = System.nanoTime();
                // By position, not by the last record's offset: a transaction marker may be the last offset.
                var assignment = consumer.assignment();
                remaining.entrySet().removeIf(e -> assignment.contains(e.getKey()) && consumer.position(e.getKey()) >= e.getValue());
            }
            return new ReplayReport.PlainRead(observations, events, Math.max(1, last - assignedAt[0]));
        }
    }

}

package dev.contrail.projections;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Offsets the registry measures progress and lag with, and the clean-up of a generation's Kafka state. */
class KafkaOffsets implements OffsetsSource, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;

    KafkaOffsets(Admin admin) {
        this.admin = admin;
    }

    @Override
    public List<TopicPartition> partitions(Collection<String> topics) {
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
    }

    @Override
    public Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    @Override
    public Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest());
    }

    @Override
    public Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        var result = admin.listConsumerGroupOffsets(groups.stream()
                .collect(Collectors.toMap(group -> group, group -> new ListConsumerGroupOffsetsSpec())));
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            get(result.partitionsToOffsetAndMetadata(group)).forEach((partition, offset) -> {
                if (offset != null) {
                    offsets.put(partition, offset.offset());
                }
            });
            committed.put(group, offsets);
        }
        return committed;
    }

    /** Deletes a closed Kafka Streams application's consumer group and internal topics (changelogs, repartitions). */
    @Override
    public void deleteApplication(String applicationId) {
        // Kafka Streams' consumers do not leave their group when closed (so that a restart does not rebalance): remove
        // the members explicitly, or the group would only be deletable once their sessions time out.
        try {
            get(admin.removeMembersFromConsumerGroup(applicationId, new RemoveMembersFromConsumerGroupOptions()).all());
        } catch (KafkaAccessException e) {
            // Already empty, or gone.
        }
        try {
            get(admin.deleteConsumerGroups(List.of(applicationId)).all());
        } catch (KafkaAccessException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        List<String> internal = get(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(applicationId + "-"))
                .toList();
        if (!internal.isEmpty()) {
            get(admin.deleteTopics(internal).all());
        }
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        var request = partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> spec));
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAccessException(e);
        } catch (ExecutionException e) {
            throw new KafkaAccessException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAccessException(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    static final class KafkaAccessException extends RuntimeException {
        KafkaAccessException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

}

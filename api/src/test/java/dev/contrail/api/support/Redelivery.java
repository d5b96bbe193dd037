package dev.contrail.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Redelivery, as a projection sees it after a rebalance or a crash: records put back on their topic, and a wait
 * until the projection has processed them. Every projection must come out of it unchanged.
 */
public final class Redelivery {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    private Redelivery() {
    }

    /**
     * Redelivers the records in order, then shuffled and reversed, waiting each time until the projection (its
     * application.id) has caught up, and asserts each time that the read model still reads as {@code applied}.
     */
    public static <T> void assertUnchangedByRedelivery(String bootstrapServers, String projection, String topic,
                                                       List<ConsumerRecord<String, byte[]>> records, long seed,
                                                       T applied, Supplier<T> readModel) {
        redeliver(bootstrapServers, topic, records);
        awaitCaughtUp(bootstrapServers, projection, topic, CATCH_UP);
        assertThat(readModel.get()).as("after redelivery in order").isEqualTo(applied);

        List<ConsumerRecord<String, byte[]>> outOfOrder = new ArrayList<>(records);
        Collections.shuffle(outOfOrder, new Random(seed));
        List<ConsumerRecord<String, byte[]>> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        outOfOrder.addAll(reversed);
        redeliver(bootstrapServers, topic, outOfOrder);
        awaitCaughtUp(bootstrapServers, projection, topic, CATCH_UP);
        assertThat(readModel.get()).as("after redelivery out of order").isEqualTo(applied);
    }

    /** Puts the records back on the topic with their keys and values, in the given order: a redelivery, as a consumer sees it. */
    public static void redeliver(String bootstrapServers, String topic, List<ConsumerRecord<String, byte[]>> records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                // One at a time in flight, so that the order given is the order on each partition.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.flush();
        }
    }

    /** Waits until the consumer group (a Kafka Streams application.id) has committed the end of every partition of the topic. */
    public static void awaitCaughtUp(String bootstrapServers, String groupId, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Instant deadline = Instant.now().plus(timeout);
            Map<TopicPartition, Long> lag = Map.of();
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, Long> end = endOffsets(admin, topic);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                lag = end.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    return e.getValue() - (offset == null ? 0 : offset.offset());
                }));
                if (lag.values().stream().allMatch(behind -> behind <= 0)) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError(groupId + " did not catch up with " + topic + " in " + timeout + "; records behind: " + lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + groupId + " on " + topic, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws InterruptedException, ExecutionException {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}

package dev.contrail.api.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, without a consumer group. */
public final class TopicReader {

    private TopicReader() {
    }

    /** The first record on the topic that matches, waiting for it up to {@code timeout}. */
    public static Optional<ConsumerRecord<String, byte[]>> find(String bootstrapServers, String topic,
                                                                Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        try (var consumer = fromBeginning(bootstrapServers, topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Every record on the topic that matches, read until no new record arrived for {@code quiet}. */
    public static List<ConsumerRecord<String, byte[]>> readUntilQuiet(String bootstrapServers, String topic,
                                                                     Predicate<ConsumerRecord<String, byte[]>> match, Duration quiet) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (var consumer = fromBeginning(bootstrapServers, topic)) {
            Instant lastArrival = Instant.now();
            while (Instant.now().isBefore(lastArrival.plus(quiet))) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    lastArrival = Instant.now();
                }
                records.forEach(record -> {
                    if (match.test(record)) {
                        matching.add(record);
                    }
                });
            }
        }
        return matching;
    }

    /** Every record on the topic now, partition by partition in offset order. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        try (var consumer = fromBeginning(bootstrapServers, topic)) {
            var partitions = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in 120 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    public static Predicate<ConsumerRecord<String, byte[]>> deadLetterOf(byte[] original) {
        return record -> Topics.DEAD_LETTERS.equals(record.topic()) && Arrays.equals(record.value(), original);
    }

    /** A consumer assigned every partition of the topic, positioned at the beginning. */
    private static KafkaConsumer<String, byte[]> fromBeginning(String bootstrapServers, String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}

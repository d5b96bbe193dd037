package dev.contrail.benchmarks.endtoend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's raw limits on this machine, with the very records Contrail gets (the generator's Avro bytes, keyed by
 * icao24) and the raw topic's configuration: 3 partitions, acks=all, lz4, linger 5 ms, batch 64 KiB. No Contrail
 * code runs here: this is the ceiling that figure 1 and figure 2 are compared with.
 */
final class KafkaRawLimits {

    static final int PARTITIONS = 3;
    private static final String LATENCY_HEADER = "bench-sent-nanos";

    private final String bootstrapServers;
    private int topics;

    KafkaRawLimits(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The producer settings of Contrail's raw topic, shared by the load generator's producer. */
    static Properties producerProperties(String bootstrapServers) {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-load");
        return properties;
    }

    /** Throughput of a producer and a consumer running together: first send to last record consumed. */
    record Pipe(double pipeRecordsPerSecond, double produceRecordsPerSecond, double consumeOnlyRecordsPerSecond) {
    }

    /** One producer→consumer pass over all records on a fresh topic, then a second consumer alone over the same topic. */
    Pipe pipe(List<byte[]> keys, List<byte[]> values) throws Exception {
        String topic = newTopic("bench.raw-limit.pipe");
        int n = values.size();
        var consumed = new AtomicReference<Long>();
        Thread consumer = new Thread(() -> consumed.set(consumeAll(topic, n)), "raw-limit-consumer");
        // Subscribe first, so that the consumer is waiting when the first record arrives.
        consumer.start();
        Thread.sleep(500);
        long start = System.nanoTime();
        long produced;
        try (var producer = new KafkaProducer<byte[], byte[]>(producerProperties(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
            }
            producer.flush();
            produced = System.nanoTime();
        }
        consumer.join(TimeUnit.MINUTES.toMillis(2));
        if (consumed.get() == null) {
            throw new IllegalStateException("The raw-limit consumer did not read all " + n + " records");
        }
        long consumeOnlyStart = System.nanoTime();
        long consumeOnlyEnd = consumeAll(topic, n);
        return new Pipe(perSecond(n, consumed.get() - start), perSecond(n, produced - start), perSecond(n, consumeOnlyEnd - consumeOnlyStart));
    }

    /** Send-to-receive latency of single records at a steady rate, one Kafka hop, nanoseconds. */
    Stats.Samples latencyAt(double recordsPerSecond, Duration duration, List<byte[]> keys, List<byte[]> values) throws Exception {
        String topic = newTopic("bench.raw-limit.latency");
        int n = (int) Math.min(values.size(), recordsPerSecond * duration.toSeconds());
        var samples = new Stats.Samples();
        Thread consumer = new Thread(() -> {
            try (var c = consumer()) {
                c.assign(partitions(topic));
                c.seekToBeginning(partitions(topic));
                int seen = 0;
                long deadline = System.nanoTime() + duration.plusSeconds(30).toNanos();
                while (seen < n && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        samples.add(now - ByteBuffer.wrap(record.headers().lastHeader(LATENCY_HEADER).value()).getLong());
                        seen++;
                    }
                }
            }
        }, "raw-limit-latency-consumer");
        consumer.start();
        Thread.sleep(1_000);
        try (var producer = new KafkaProducer<byte[], byte[]>(producerProperties(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            double intervalNanos = 1e9 / recordsPerSecond;
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * intervalNanos);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                var record = new ProducerRecord<>(topic, keys.get(i), values.get(i));
                record.headers().add(LATENCY_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array());
                producer.send(record);
            }
            producer.flush();
        }
        consumer.join();
        return samples;
    }

    /** Deletes the topics this class created. */
    void deleteTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            var names = admin.listTopics().names().get().stream().filter(name -> name.startsWith("bench.raw-limit.")).toList();
            admin.deleteTopics(names).all().get();
        }
    }

    private long consumeAll(String topic, int n) {
        try (var c = consumer()) {
            c.assign(partitions(topic));
            c.seekToBeginning(partitions(topic));
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (seen < n && System.nanoTime() < deadline) {
                seen += c.poll(Duration.ofMillis(50)).count();
            }
            if (seen < n) {
                throw new IllegalStateException("Consumed " + seen + " of " + n + " records of " + topic);
            }
            return System.nanoTime();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-raw-limit");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private String newTopic(String prefix) throws InterruptedException, ExecutionException {
        String name = prefix + "-" + (++topics);
        try (Admin admin = admin()) {
            // The raw topic's configuration (KafkaTopicsConfiguration): 3 partitions, 7 days.
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis())))))
                    .all().get();
        }
        return name;
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    static double perSecond(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.contrail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable embedded default (ADR 0026): what the embedded Kafka and PostgreSQL hold survives a stop and a start on
 * the same directory — topics, records, consumer offsets, tables and rows.
 */
class DurableEmbeddedServicesTest {

    @TempDir
    Path data;

    @Test
    void kafkaKeepsTopicsRecordsAndCommittedOffsetsAcrossARestart() throws Exception {
        Path directory = data.resolve("kafka");
        try (KraftBroker broker = KraftBroker.start(directory, 3, true)) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("flight-tracking.test", 3, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("flight-tracking.test", "a" + i, "observation " + i)).get();
                }
            }
            try (var consumer = consumer(broker)) {
                consumer.assign(List.of(new TopicPartition("flight-tracking.test", 0)));
                consumer.commitSync(Map.of(new TopicPartition("flight-tracking.test", 0), new OffsetAndMetadata(2)));
            }
        }
        assertThat(directory.resolve("cluster.id")).exists();

        try (KraftBroker broker = KraftBroker.start(directory, 3, true)) {
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get()).contains("flight-tracking.test");
                var committed = admin.listConsumerGroupOffsets("restart-test").partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(new TopicPartition("flight-tracking.test", 0)).offset()).isEqualTo(2);
            }
            try (var consumer = consumer(broker)) {
                var partitions = List.of(0, 1, 2).stream().map(p -> new TopicPartition("flight-tracking.test", p)).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.size() < 10 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
                }
                assertThat(values).hasSize(10).contains("observation 0", "observation 9");
            }
        }
    }

    @Test
    void postgresKeepsItsDataDirectoryAcrossARestart() throws Exception {
        Path directory = data.resolve("postgres");
        try (PostgresServer postgres = PostgresServer.start(directory)) {
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE flight (icao24 text PRIMARY KEY)");
                statement.execute("INSERT INTO flight VALUES ('a0b1c2')");
            }
        }
        assertThat(directory.resolve("postgresql.conf")).exists();
        assertThat(Files.exists(directory.resolve("postmaster.pid"))).as("stopped cleanly").isFalse();

        try (PostgresServer postgres = PostgresServer.start(directory);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT icao24 FROM flight")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("a0b1c2");
        }
    }

    private static Admin admin(KraftBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaConsumer<String, String> consumer(KraftBroker broker) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }
}

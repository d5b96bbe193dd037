package dev.contrail.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-JVM Kafka node (broker and KRaft controller combined) whose log and metadata directories live under a
 * directory of our choosing and survive it (ADR 0026). The cluster id is kept in that directory too, so that a
 * restart finds the storage it formatted, with its topics, records and consumer offsets. Built on Kafka's own test kit
 * ({@link KafkaClusterTestKit}, what spring-kafka-test's {@code EmbeddedKafkaKraftBroker} wraps); its storage is
 * formatted once, on first use.
 */
final class KraftBroker implements AutoCloseable {

    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private KraftBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /**
     * Starts the node on {@code directory}, formatting it on first use; {@code keep} false deletes it when closed.
     */
    static KraftBroker start(Path directory, int partitions, boolean keep) {
        try {
            Files.createDirectories(directory);
            String clusterId = clusterId(directory);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .setClusterId(clusterId)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setDeleteOnClose(!keep)
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", String.valueOf(partitions))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    // One node: Kafka's default of 50 partitions for the consumer offsets made the first consumer group
                    // wait ~5 s on a loaded machine while they were created, once per start (every test class: ADR 0043).
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("delete.topic.enable", "true")
                    .build();
            try {
                if (!formatted(directory)) {
                    cluster.format();
                }
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception | Error e) {
                closeQuietly(cluster);
                throw e;
            }
            return new KraftBroker(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka's directory " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded Kafka on " + directory + ": " + e.getMessage(), e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Kafka did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** The id of the cluster formatted in {@code directory}, chosen (and written down) on first use. */
    private static String clusterId(Path directory) throws IOException {
        Path file = directory.resolve(CLUSTER_ID_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.US_ASCII);
        return id;
    }

    /** Whether a node's storage was formatted under {@code directory} already (it holds a meta.properties). */
    private static boolean formatted(Path directory) throws IOException {
        try (var paths = Files.walk(directory, 2)) {
            return paths.anyMatch(path -> path.getFileName().toString().equals("meta.properties"));
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // already failing; the original error says why
        }
    }
}

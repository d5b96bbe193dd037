package dev.contrail.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * An in-JVM KRaft Kafka broker and an embedded PostgreSQL server (real PostgreSQL binaries from Maven Central), for
 * the demo run and for tests on a machine without Docker (ADR 0006). One of each per JVM, started on first use.
 *
 * <p>Given a data directory, both keep their data there and a restart continues where the last run stopped (ADR
 * 0026): {@code <dir>/postgres} is PostgreSQL's data directory, {@code <dir>/kafka} Kafka's log and metadata
 * directories. Without one (tests), both use temporary directories deleted when they stop.
 *
 * <p>They stop last: {@link #stop()} is run by Spring Boot's shutdown handlers once every application context is
 * closed ({@link #stopAfterSpringBoot()}, from {@link EmbeddedServicesEnvironmentPostProcessor}). Where Spring Boot
 * does not stop them (tests), a JVM shutdown hook does.
 */
public final class EmbeddedServices {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

    /** In the data directory: where the embedded services listen while they run. */
    public static final String ADDRESSES_FILE = "services.properties";

    private static KraftBroker kafka;
    private static PostgresServer postgres;
    private static boolean hookRegistered;
    private static volatile boolean stoppedBySpringBoot;

    private EmbeddedServices() {
    }

    /** Starts a broker on temporary directories if none is running yet; returns its bootstrap servers. */
    public static synchronized String kafkaBootstrapServers(int partitions) {
        return kafkaBootstrapServers(partitions, null);
    }

    /**
     * Starts the broker if it is not running yet, keeping its data under {@code dataDirectory}/kafka (temporary if
     * null); returns its bootstrap servers.
     */
    public static synchronized String kafkaBootstrapServers(int partitions, Path dataDirectory) {
        if (kafka == null) {
            long start = System.nanoTime();
            Path directory = dataDirectory == null ? temporaryDirectory("contrail-kafka-") : dataDirectory.resolve("kafka");
            kafka = KraftBroker.start(directory, partitions, dataDirectory != null);
            stopWhenTheJvmExits();
            log.info("Embedded Kafka (KRaft) started at {} on {} in {} ms", kafka.bootstrapServers(), directory, millisSince(start));
            if (dataDirectory != null) {
                writeAddress(dataDirectory, "kafka.bootstrap-servers", kafka.bootstrapServers());
            }
        }
        return kafka.bootstrapServers();
    }

    /** Starts PostgreSQL on a temporary data directory if it is not running yet; returns its JDBC URL. */
    public static synchronized String postgresJdbcUrl() {
        return postgresJdbcUrl(null);
    }

    /**
     * Starts PostgreSQL if it is not running yet, on {@code dataDirectory}/postgres (temporary if null); returns its
     * JDBC URL (user {@value PostgresServer#USER}, no password).
     */
    public static synchronized String postgresJdbcUrl(Path dataDirectory) {
        if (postgres == null) {
            long start = System.nanoTime();
            Path directory = dataDirectory == null ? null : dataDirectory.resolve("postgres");
            postgres = PostgresServer.start(directory);
            stopWhenTheJvmExits();
            log.info("Embedded PostgreSQL started on port {}{} in {} ms", postgres.port(),
                    directory == null ? "" : " with its data in " + directory, millisSince(start));
            if (dataDirectory != null) {
                writeAddress(dataDirectory, "postgres.jdbc-url", postgres.jdbcUrl());
            }
        }
        return postgres.jdbcUrl();
    }

    public static String postgresUser() {
        return PostgresServer.USER;
    }

    /**
     * Stops Kafka, then PostgreSQL, if they run: after everything that uses them. Idempotent; a later call to
     * {@code kafkaBootstrapServers}/{@code postgresJdbcUrl} starts them again (on their data, if they keep any).
     */
    public static synchronized void stop() {
        stopKafka();
        if (postgres != null) {
            long start = System.nanoTime();
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            postgres = null;
            log.info("Embedded PostgreSQL stopped in {} ms", millisSince(start));
        }
    }

    /**
     * Stops Kafka alone, if it runs; PostgreSQL goes on. The next {@code kafkaBootstrapServers} starts a new broker
     * (on its data, if it keeps any): what gives each test class of a reused test JVM a broker of its own (ADR 0043).
     */
    public static synchronized void stopKafka() {
        if (kafka != null) {
            long start = System.nanoTime();
            try {
                kafka.close();
            } catch (RuntimeException e) {
                log.warn(e.getMessage());
            }
            kafka = null;
            log.info("Embedded Kafka stopped in {} ms", millisSince(start));
        }
    }

    /**
     * Deletes a data directory and all it holds, so that the services start with an empty event store and no topics;
     * refused while a service of this JVM runs (on it or not).
     */
    public static synchronized void startFresh(Path dataDirectory) {
        if (kafka != null || postgres != null) {
            throw new IllegalStateException("Cannot start fresh: the embedded services are already running in this JVM");
        }
        PostgresServer.stopOrphanedServer(dataDirectory.resolve("postgres"));
        if (!Files.exists(dataDirectory)) {
            return;
        }
        log.warn("Starting fresh: deleting Contrail's data in {}", dataDirectory.toAbsolutePath());
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dataDirectory, e);
        }
    }

    /** Stops a PostgreSQL that a killed Contrail left running on {@code dataDirectory}, if there is one. */
    public static void stopLeftOverPostgres(Path dataDirectory) {
        PostgresServer.stopOrphanedServer(dataDirectory.resolve("postgres"));
    }

    /**
     * From now on, Spring Boot stops the embedded services once it has closed every application context: {@code stop}
     * is one of its shutdown handlers, which run after the contexts are closed, in Spring Boot's own shutdown hook.
     * The JVM hook of {@link #stopWhenTheJvmExits()} is then left out, since JVM hooks run concurrently: it would stop
     * the broker under the still-running application (what made a stop take minutes, ADR 0026).
     */
    public static synchronized void stopAfterSpringBoot() {
        if (!stoppedBySpringBoot) {
            stoppedBySpringBoot = true;
            SpringApplication.getShutdownHandlers().add(EmbeddedServices::stop);
        }
    }

    /** The fallback, where Spring Boot does not stop them (tests): a JVM shutdown hook. */
    private static void stopWhenTheJvmExits() {
        if (!hookRegistered && !stoppedBySpringBoot) {
            hookRegistered = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!stoppedBySpringBoot) {
                    stop();
                }
            }, "embedded-services-stop"));
        }
    }

    /**
     * Where the running services listen (their ports change from run to run), in {@code <dir>/services.properties}: for
     * an operator's psql or Kafka tool, and for the fault test (ADR 0026).
     */
    private static void writeAddress(Path dataDirectory, String key, String value) {
        Path file = dataDirectory.resolve(ADDRESSES_FILE);
        var addresses = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    addresses.load(in);
                }
            }
            addresses.setProperty(key, value);
            try (var out = Files.newBufferedWriter(file)) {
                addresses.store(out, "Where Contrail's embedded services listen while it runs (rewritten at every start)");
            }
        } catch (IOException e) {
            log.warn("Could not write {}: {}", file, e.getMessage());
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

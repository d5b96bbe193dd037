package dev.contrail.api.support;

import dev.contrail.demo.EmbeddedServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Kafka and PostgreSQL the integration tests run against: containers when a Docker engine is present,
 * the embedded broker and server otherwise (ADR 0006). The test code is the same either way. One server of each runs
 * in a test JVM at a time; each test context gets a database of its own on the server and a broker of its own
 * ({@link #newKafka()}).
 */
public final class TestServices {

    private static final int PARTITIONS = 3;
    private static final AtomicInteger databases = new AtomicInteger();
    private static Boolean docker;
    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;

    private TestServices() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (!docker()) {
            return EmbeddedServices.kafkaBootstrapServers(PARTITIONS);
        }
        if (kafka == null) {
            kafka = new KafkaContainer("apache/kafka:4.1.0").withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS));
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    /**
     * A broker of its own for a new application context. The integration-test JVMs are reused, one test class after
     * another (ADR 0043): the broker the previous class used is stopped first and a new, empty one started, so that no
     * class sees the topics, records and consumer offsets another one left (ADR 0032). Call it where a context is made
     * ({@code @DynamicPropertySource}), once every context that used the old broker is closed (the integration tests
     * close theirs after their class); {@link #kafkaBootstrapServers()} is the broker that runs now.
     */
    public static synchronized String newKafka() {
        if (!docker()) {
            EmbeddedServices.stopKafka();
            return EmbeddedServices.kafkaBootstrapServers(PARTITIONS);
        }
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        return kafkaBootstrapServers();
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static synchronized Database newDatabase() {
        String serverUrl;
        String user;
        String password;
        if (docker()) {
            if (postgres == null) {
                postgres = new PostgreSQLContainer("postgres:15");
                postgres.start();
            }
            serverUrl = postgres.getJdbcUrl();
            user = postgres.getUsername();
            password = postgres.getPassword();
        } else {
            serverUrl = EmbeddedServices.postgresJdbcUrl();
            user = EmbeddedServices.postgresUser();
            password = "";
        }
        String name = "contrail_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new Database(replaceDatabase(serverUrl, name), user, password);
    }

    public record Database(String url, String user, String password) {
    }

    private static String replaceDatabase(String jdbcUrl, String database) {
        // jdbc:postgresql://host:port/name?params → the same with another name
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static boolean docker() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }
}

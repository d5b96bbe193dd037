package dev.contrail.infrastructure.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded Kafka and PostgreSQL before the application context is built, when
 * {@code contrail.embedded.enabled} is true and the standard property for that service is not set
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url}; or their environment variables
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_DATASOURCE_URL}). Setting them points Contrail at
 * real services and nothing embedded starts (ADR 0006). The embedded services keep their data under
 * {@code contrail.data-dir} (default {@value #DEFAULT_DATA_DIRECTORY}), so that a restart continues where the last run
 * stopped; {@code contrail.embedded.fresh=true} deletes it first (ADR 0026). The embedded demo also gets an admin password,
 * {@value #DEMO_ADMIN_PASSWORD}, unless one is configured; with real services there is none by default (ADR 0010).
 */
public class EmbeddedServicesEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "contrailEmbeddedServices";
    /** Where the embedded services keep their data (ADR 0026); relative paths are relative to the working directory. */
    public static final String DATA_DIRECTORY = "contrail.data-dir";
    public static final String DEFAULT_DATA_DIRECTORY = ".contrail/data";
    /** The admin password of the embedded demo only; documented in the README. */
    public static final String DEMO_ADMIN_PASSWORD = "contrail-demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("contrail.embedded.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        boolean kafka = !environment.containsProperty("spring.kafka.bootstrap-servers");
        boolean postgres = !environment.containsProperty("spring.datasource.url");
        Path dataDirectory = Path.of(environment.getProperty(DATA_DIRECTORY, DEFAULT_DATA_DIRECTORY)).toAbsolutePath().normalize();
        if ((kafka || postgres) && environment.getProperty("contrail.embedded.fresh", Boolean.class, false)) {
            EmbeddedServices.startFresh(dataDirectory);
        }
        if (kafka || postgres) {
            // Stopped by Spring Boot after the application context has closed: last (ADR 0026).
            EmbeddedServices.stopAfterSpringBoot();
        }
        if (kafka) {
            int partitions = environment.getProperty("contrail.kafka.partitions", Integer.class, 3);
            properties.put("spring.kafka.bootstrap-servers", EmbeddedServices.kafkaBootstrapServers(partitions, dataDirectory));
            if (!environment.containsProperty("contrail.kafka.instance-id")) {
                // The embedded broker and its data directory belong to this one process: its consumers are static
                // members, so a restart after a crash takes their partitions back at once (ADR 0033).
                properties.put("contrail.kafka.instance-id", "embedded");
            }
            if (!environment.containsProperty("spring.kafka.streams.state-dir")) {
                // Kafka Streams' local state next to the changelogs it was restored from.
                properties.put("spring.kafka.streams.state-dir", dataDirectory.resolve("kafka-streams").toString());
            }
        }
        if (postgres) {
            properties.put("spring.datasource.url", EmbeddedServices.postgresJdbcUrl(dataDirectory));
            properties.put("spring.datasource.username", EmbeddedServices.postgresUser());
            properties.put("spring.datasource.password", "");
        }
        if (!properties.isEmpty() && !environment.containsProperty("contrail.admin.password")) {
            // The embedded demo's admin password, so that replay can be tried at once; nowhere else has a default (ADR 0010).
            properties.put("contrail.admin.password", DEMO_ADMIN_PASSWORD);
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }
}

package dev.contrail.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo (ADR 0038): starts the embedded Kafka and PostgreSQL before the application context is built, when
 * {@code contrail.embedded.enabled} is not false and the standard property for that service is not set
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url}; or their environment variables
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_DATASOURCE_URL}). Setting them points Contrail at
 * real services and nothing embedded starts (ADR 0006). The embedded services keep their data under
 * {@code contrail.data-dir} (default {@value #DEFAULT_DATA_DIRECTORY}), so that a restart continues where the last run
 * stopped; {@code contrail.embedded.fresh=true} deletes it first (ADR 0026).
 * <p>
 * With embedded services it also sets the demo's defaults, each unless configured: the bundled capture replayed in a
 * loop ({@value #BUNDLED_CAPTURE}), GraphiQL on, and the admin password {@value #DEMO_ADMIN_PASSWORD}. Outside the demo
 * none of them is on (ADR 0010, 0038). This class is on the classpath of the README's run command and the tests only:
 * the production jar does not carry the demo module.
 */
public class EmbeddedServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "contrailEmbeddedServices";
    /** Where the embedded services keep their data (ADR 0026); relative paths are relative to the working directory. */
    public static final String DATA_DIRECTORY = "contrail.data-dir";
    public static final String DEFAULT_DATA_DIRECTORY = ".contrail/data";
    /** The admin password of the embedded demo only; documented in the README. */
    public static final String DEMO_ADMIN_PASSWORD = "contrail-demo";
    /** The OpenSky capture this module bundles: 2023-03-14 around Washington Dulles. */
    public static final String BUNDLED_CAPTURE = "classpath*:captures/opensky/iad-2023-03-14/*.json";

    /** After the configuration files and environment are loaded (ConfigData), so that they can turn the demo off. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("contrail.embedded.enabled", Boolean.class, true)) {
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
        if (!properties.isEmpty()) {
            demoDefault(environment, properties, "contrail.admin.password", DEMO_ADMIN_PASSWORD);
            demoDefault(environment, properties, "contrail.capture.enabled", true);
            demoDefault(environment, properties, "contrail.capture.location", BUNDLED_CAPTURE);
            demoDefault(environment, properties, "contrail.api.graphiql.enabled", true);
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }

    private static void demoDefault(ConfigurableEnvironment environment, Map<String, Object> properties, String name, Object value) {
        if (!environment.containsProperty(name)) {
            properties.put(name, value);
        }
    }
}

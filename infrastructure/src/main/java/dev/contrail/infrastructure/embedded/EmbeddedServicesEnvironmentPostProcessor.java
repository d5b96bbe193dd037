package dev.contrail.infrastructure.embedded;

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
 * real services and nothing embedded starts (ADR 0006). The embedded demo also gets an admin password,
 * {@value #DEMO_ADMIN_PASSWORD}, unless one is configured; with real services there is none by default (ADR 0010).
 */
public class EmbeddedServicesEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "contrailEmbeddedServices";
    /** The admin password of the embedded demo only; documented in the README. */
    public static final String DEMO_ADMIN_PASSWORD = "contrail-demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("contrail.embedded.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty("spring.kafka.bootstrap-servers")) {
            int partitions = environment.getProperty("contrail.kafka.partitions", Integer.class, 3);
            properties.put("spring.kafka.bootstrap-servers", EmbeddedServices.kafkaBootstrapServers(partitions));
        }
        if (!environment.containsProperty("spring.datasource.url")) {
            properties.put("spring.datasource.url", EmbeddedServices.postgresJdbcUrl());
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

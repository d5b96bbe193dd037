package dev.contrail.api;

import dev.contrail.api.queries.QueryDatabaseConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Contrail: live air traffic as an event-sourced, CQRS backend.
 *
 * <p>Run the demo with {@code ./mvnw -pl api -am spring-boot:run}: the demo module on that classpath starts embedded
 * Kafka and PostgreSQL, replays the bundled OpenSky capture and serves GraphQL at http://localhost:8080/graphql. The
 * production jar needs {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} and {@code SPRING_DATASOURCE_URL} (ADR 0038).
 */
@SpringBootApplication(scanBasePackages = "dev.contrail")
@EntityScan("dev.contrail.readmodels")
@EnableJpaRepositories(basePackages = "dev.contrail.readmodels", transactionManagerRef = QueryDatabaseConfiguration.QUERY_TRANSACTION_MANAGER)
public class ContrailApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(ContrailApplication.class, args);
        } catch (RuntimeException startupFailed) {
            // Boot has logged why. Exit, so that the embedded broker's threads do not keep a failed JVM alive.
            System.exit(1);
        }
    }
}

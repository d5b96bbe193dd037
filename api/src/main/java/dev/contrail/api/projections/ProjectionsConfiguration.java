package dev.contrail.api.projections;

import com.zaxxer.hikari.HikariDataSource;
import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.projections.ProjectionsProperties;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The projection runtime's registry (ADR 0010, ADR 0029) in Spring: its storage is ready before JPA (queries and
 * Hibernate's validation read its views), and its generations run with the other Kafka Streams applications.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionsProperties.class)
public class ProjectionsConfiguration {

    static final String REGISTRY = "projectionRegistry";

    @Bean(REGISTRY)
    ProjectionRegistry projectionRegistry(List<ProjectionDefinition> definitions, DataSource dataSource, DataSourceProperties connection,
                                          StreamsApps apps, KafkaAdmin kafkaAdmin, MeterRegistry meters, ProjectionsProperties properties,
                                          ObjectProvider<FlywayMigrationInitializer> flyway) {
        flyway.ifAvailable(initializer -> { }); // the registry table is Flyway's: migrate first
        var registry = new ProjectionRegistry(definitions, dataSource,
                () -> connection.initializeDataSourceBuilder().type(HikariDataSource.class).build(),
                apps, kafkaAdmin.getConfigurationProperties(), meters, properties);
        registry.prepareStorage();
        return registry;
    }

    /** Runs the generations with the other Kafka Streams applications (StreamsBuilderFactoryBean's phase): after the topics exist. */
    @Bean
    SmartLifecycle projectionsLifecycle(ProjectionRegistry registry) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                registry.start();
            }

            @Override
            public void stop() {
                registry.stop();
            }

            @Override
            public boolean isRunning() {
                return registry.isRunning();
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 1000;
            }
        };
    }

    /** JPA starts after the registry has created the views it maps. */
    @Bean
    static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterProjectionViews() {
        return new EntityManagerFactoryDependsOnPostProcessor(REGISTRY);
    }
}

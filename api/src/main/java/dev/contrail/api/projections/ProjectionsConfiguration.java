package dev.contrail.api.projections;

import dev.contrail.api.streams.StreamsApps;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The projection registry (ADR 0010), ready before JPA: queries and Hibernate's validation read its views. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionsProperties.class)
public class ProjectionsConfiguration {

    static final String REGISTRY = "projectionRegistry";

    @Bean(REGISTRY)
    ProjectionRegistry projectionRegistry(List<ProjectionDefinition> definitions, DataSource dataSource, DataSourceProperties connection,
                                          StreamsApps apps, KafkaAdmin kafkaAdmin, MeterRegistry meters, ProjectionsProperties properties,
                                          ObjectProvider<FlywayMigrationInitializer> flyway) {
        return new ProjectionRegistry(definitions, dataSource, connection, apps, kafkaAdmin, meters, properties, flyway);
    }

    /** JPA starts after the registry has created the views it maps. */
    @Bean
    static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterProjectionViews() {
        return new EntityManagerFactoryDependsOnPostProcessor(REGISTRY);
    }
}

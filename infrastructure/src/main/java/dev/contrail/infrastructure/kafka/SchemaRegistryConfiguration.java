package dev.contrail.infrastructure.kafka;

import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.SchemaRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses, once at start-up, how every {@link AvroSerde} of this process writes (ADR 0037): in Avro's single-object
 * encoding (the default) or, when {@code contrail.kafka.schema-registry.url} is set, in the Confluent wire format with
 * schemas in that registry. The serdes are built in some sixty places, several of them handed to Kafka Streams, which
 * does not configure serde instances; one process-wide choice, made when the context is created and before any
 * producer or topology starts (they start with the context's lifecycle), keeps every one of those places unchanged.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchemaRegistryProperties.class)
public class SchemaRegistryConfiguration implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryConfiguration.class);

    private final SchemaRegistry registry;

    public SchemaRegistryConfiguration(SchemaRegistryProperties properties) {
        this.registry = properties.enabled() ? new SchemaRegistry(properties.url()) : null;
        AvroSerde.useSchemaRegistry(registry);
        if (registry != null) {
            log.info("Schema-registry mode: records are written in the Confluent wire format, schemas registered at {} "
                    + "(subjects <topic>-value, compatibility {})", registry.url(), SchemaRegistry.COMPATIBILITY);
        } else {
            log.info("Records are written in Avro single-object encoding (no schema registry configured)");
        }
    }

    /** Leaves the process as it found it, for the next context of a test JVM. */
    @Override
    public void destroy() {
        if (registry != null && AvroSerde.schemaRegistry() == registry) {
            AvroSerde.useSchemaRegistry(null);
        }
    }
}

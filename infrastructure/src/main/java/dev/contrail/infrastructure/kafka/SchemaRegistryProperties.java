package dev.contrail.infrastructure.kafka;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The opt-in schema-registry mode (ADR 0037).
 *
 * @param url root of a schema registry's Confluent-compatible REST API, e.g.
 *            {@code http://localhost:8085/apis/ccompat/v7} for Apicurio Registry. Set, every record Contrail writes
 *            to Kafka is in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) with its schema
 *            registered under the subject {@code <topic>-value} and compatibility BACKWARD_TRANSITIVE, so that any
 *            Kafka client with a registry-aware Avro deserializer reads the topics. Unset (the default), records are
 *            in Avro's single-object encoding, which needs no registry. Contrail reads both either way (records in
 *            the Confluent wire format need the registry)
 */
@ConfigurationProperties("contrail.kafka.schema-registry")
public record SchemaRegistryProperties(URI url) {

    public SchemaRegistryProperties {
        if (url != null && (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null)) {
            throw new IllegalArgumentException(
                    "contrail.kafka.schema-registry.url must be an http(s) URL such as http://registry:8080/apis/ccompat/v7, was " + url);
        }
    }

    /** Whether records are written in the Confluent wire format through a registry. */
    public boolean enabled() {
        return url != null;
    }
}

package dev.contrail.infrastructure.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Contrail lays out its topics and names its Kafka clients (ADR 0005).
 *
 * @param partitions          partitions of every topic; the unit of parallelism per aircraft key
 * @param replicationFactor   1 for the embedded broker, 3 for a production cluster
 * @param applicationIdPrefix prefix of every consumer group and Kafka Streams application.id. Instances of one
 *                            deployment share it (they split the partitions); two deployments on one cluster, or
 *                            two test contexts on one broker, need different ones
 */
@ConfigurationProperties("contrail.kafka")
public record ContrailKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("contrail") String applicationIdPrefix) {

    public ContrailKafkaProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("contrail.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("contrail.kafka.replication-factor must be at least 1, was " + replicationFactor);
        }
    }

    /** The consumer group or application.id of one of Contrail's consumers, e.g. {@code contrail-refinement}. */
    public String applicationId(String consumer) {
        return applicationIdPrefix + "-" + consumer;
    }
}

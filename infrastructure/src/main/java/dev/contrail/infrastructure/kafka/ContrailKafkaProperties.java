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
 * @param instanceId          this instance's stable name, or unset. Set, every Kafka Streams application joins its
 *                            consumer group as a static member ({@code group.instance.id} = instance id + application
 *                            id): after a crash the restarted instance takes its partitions back at once instead of
 *                            waiting for the killed member's session to time out (ADR 0033). Unique per running
 *                            instance and the same across its restarts; the embedded default sets {@code embedded}
 */
@ConfigurationProperties("contrail.kafka")
public record ContrailKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("contrail") String applicationIdPrefix,
        String instanceId) {

    public ContrailKafkaProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("contrail.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("contrail.kafka.replication-factor must be at least 1, was " + replicationFactor);
        }
    }

    /** The static membership name of one application's consumers, or null when this instance has no instance id. */
    public String groupInstanceId(String applicationId) {
        return instanceId == null || instanceId.isBlank() ? null : instanceId + "-" + applicationId;
    }

    /** The consumer group or application.id of one of Contrail's consumers, e.g. {@code contrail-refinement}. */
    public String applicationId(String consumer) {
        return applicationIdPrefix + "-" + consumer;
    }
}

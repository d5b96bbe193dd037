package dev.contrail.infrastructure.kafka;

import static dev.contrail.schemas.Topics.AIRPORT_EVENTS;
import static dev.contrail.schemas.Topics.AIRSPACE_EVENTS;
import static dev.contrail.schemas.Topics.DEAD_LETTERS;
import static dev.contrail.schemas.Topics.FLIGHT_TRACKING_EVENTS;
import static dev.contrail.schemas.Topics.FLIGHT_TRACKING_OBSERVATIONS;
import static dev.contrail.schemas.Topics.OPENSKY_STATE_VECTORS;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic so that Spring's {@link KafkaAdmin} creates it when the context starts, before any
 * Kafka Streams topology does: a Streams source topic must exist (STACK.md, trap 7).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ContrailKafkaProperties.class, RetentionProperties.class})
public class KafkaTopicsConfiguration {

    /**
     * The retention of every topic: a topic a rebuild reads keeps at least the history its read models promise
     * (ADR 0028). Spring's {@link KafkaAdmin} also brings an existing topic's retention to these values at start-up.
     */
    @Bean
    KafkaAdmin.NewTopics contrailTopics(ContrailKafkaProperties kafka, RetentionProperties retention) {
        String observations = String.valueOf(retention.observations().toMillis());
        return new KafkaAdmin.NewTopics(
                topic(OPENSKY_STATE_VECTORS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, observations).build(),
                topic(FLIGHT_TRACKING_OBSERVATIONS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, observations).build(),
                // The integration events are kept for ever: projections are rebuilt from them (ADR 0005, ADR 0028).
                topic(FLIGHT_TRACKING_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(AIRPORT_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(AIRSPACE_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(DEAD_LETTERS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.deadLetters().toMillis())).build());
    }

    private static TopicBuilder topic(String name, ContrailKafkaProperties kafka) {
        return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor());
    }
}

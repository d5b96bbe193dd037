package dev.contrail.infrastructure.kafka;

import static dev.contrail.schemas.Topics.AIRPORT_EVENTS;
import static dev.contrail.schemas.Topics.AIRSPACE_EVENTS;
import static dev.contrail.schemas.Topics.DEAD_LETTERS;
import static dev.contrail.schemas.Topics.FLIGHT_TRACKING_EVENTS;
import static dev.contrail.schemas.Topics.FLIGHT_TRACKING_OBSERVATIONS;
import static dev.contrail.schemas.Topics.OPENSKY_STATE_VECTORS;

import java.time.Duration;
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
@EnableConfigurationProperties(ContrailKafkaProperties.class)
public class KafkaTopicsConfiguration {

    private static final String SEVEN_DAYS = String.valueOf(Duration.ofDays(7).toMillis());

    @Bean
    KafkaAdmin.NewTopics contrailTopics(ContrailKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(
                topic(OPENSKY_STATE_VECTORS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS).build(),
                topic(FLIGHT_TRACKING_OBSERVATIONS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS).build(),
                // The integration events are kept for ever: projections are rebuilt from them (ADR 0005).
                topic(FLIGHT_TRACKING_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(AIRPORT_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(AIRSPACE_EVENTS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                topic(DEAD_LETTERS, kafka).config(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS).build());
    }

    private static TopicBuilder topic(String name, ContrailKafkaProperties kafka) {
        return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor());
    }
}

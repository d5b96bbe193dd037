package dev.contrail.infrastructure.kafka;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter re-drive (ADR 0028), with Spring's Kafka client settings and a consumer group of its own. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterRedriveConfiguration {

    @Bean
    DeadLetterRedrive deadLetterRedrive(KafkaProperties kafka, ContrailKafkaProperties contrail) {
        return new DeadLetterRedrive(kafka.buildConsumerProperties(), kafka.buildProducerProperties(),
                contrail.applicationId(DeadLetterRedrive.CONSUMER));
    }
}

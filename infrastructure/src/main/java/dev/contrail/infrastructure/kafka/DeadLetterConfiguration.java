package dev.contrail.infrastructure.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** A bean, so that Spring closes its producer at shutdown. */
    @Bean
    DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
        var properties = new HashMap<>(kafka.buildProducerProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory, MeterRegistry meters) {
        return new DeadLetterPublisher(new KafkaTemplate<>(deadLetterProducerFactory), meters);
    }
}

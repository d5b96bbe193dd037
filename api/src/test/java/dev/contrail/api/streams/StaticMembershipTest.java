package dev.contrail.api.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * With an instance id, every Kafka Streams application's consumers are static members of its group (ADR 0033), named
 * by the instance and the application, one per stream thread: a restarted instance takes its partitions back at once.
 * Without one, they are dynamic members as before. Checked on the consumer configuration Kafka Streams itself derives.
 */
class StaticMembershipTest {

    private final KafkaProperties kafka = kafka();

    @Test
    void anInstanceIdMakesEveryApplicationsConsumersStaticMembersOnePerStreamThread() {
        var apps = StreamsAppsConfiguration.configured(kafka, new ContrailKafkaProperties(3, (short) 1, "contrail", "embedded"),
                new SimpleMeterRegistry(), deadLetters());

        StreamsConfig refinement = new StreamsConfig(apps.app("refinement", builder -> { }).getStreamsConfiguration());
        Map<String, Object> thread0 = refinement.getMainConsumerConfigs("contrail-refinement", "client", 0);
        Map<String, Object> thread1 = refinement.getMainConsumerConfigs("contrail-refinement", "client", 1);

        assertThat(thread0).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "embedded-contrail-refinement-0");
        assertThat(thread1).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "embedded-contrail-refinement-1");
        assertThat(refinement.getRestoreConsumerConfigs("client")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void withoutAnInstanceIdTheConsumersAreDynamicMembers() {
        var apps = StreamsAppsConfiguration.configured(kafka, new ContrailKafkaProperties(3, (short) 1, "contrail", null),
                new SimpleMeterRegistry(), deadLetters());

        StreamsConfig refinement = new StreamsConfig(apps.app("refinement", builder -> { }).getStreamsConfiguration());

        assertThat(refinement.getMainConsumerConfigs("contrail-refinement", "client", 0)).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    private static KafkaProperties kafka() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(java.util.List.of("localhost:9092"));
        return kafka;
    }

    private static DeadLetterPublisher deadLetters() {
        return new DeadLetterPublisher(new KafkaTemplate<>(new org.springframework.kafka.core.DefaultKafkaProducerFactory<String, byte[]>(
                Map.of("bootstrap.servers", "localhost:9092"))), new SimpleMeterRegistry());
    }
}

package dev.contrail.api.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.TestServices;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.projections.streams.FlushBeforeCommit;
import dev.contrail.projections.streams.StreamsApps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * ADR 0020 on a real broker: a Kafka Streams application built by {@link StreamsApps} writes what its processors
 * staged before its consumer commits the offsets behind it. The processor here never writes on its own, so every
 * record written was written by the flush that preceded a commit; and when the group has committed every offset,
 * every record has been written.
 */
class FlushBeforeCommitIT {

    private static final int RECORDS = 500;

    @Test
    void everyRecordWhoseOffsetIsCommittedHasBeenWrittenBefore() throws Exception {
        String bootstrapServers = TestServices.kafkaBootstrapServers();
        String topic = "it-flush-before-commit-" + UUID.randomUUID();
        String prefix = "it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        var kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(bootstrapServers));
        var meters = new SimpleMeterRegistry();
        var deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer())), meters);
        var apps = StreamsAppsConfiguration.configured(kafka, new ContrailKafkaProperties(2, (short) 1, prefix, null), meters, deadLetters);

        var gate = new FlushBeforeCommit();
        List<String> staged = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        gate.register(() -> {
            synchronized (written) {
                written.addAll(staged);
                staged.clear();
            }
        });
        String applicationId = apps.applicationId("flush-before-commit");
        try (KafkaStreams streams = apps.streams(applicationId, gate, builder -> builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        synchronized (written) {
                            staged.add(record.value()); // staged only: nothing here ever writes
                        }
                    }
                }))) {
            streams.start();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "aircraft-" + (i % 7), "observation-" + i));
                }
            }

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                    // Offsets first, then what was written: records whose offsets were committed by then must be written by now.
                    long committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().values().stream()
                            .mapToLong(OffsetAndMetadata::offset).sum();
                    int writtenNow;
                    synchronized (written) {
                        writtenNow = written.size();
                    }
                    if (committed > writtenNow) {
                        violations.add(committed + " offsets committed, " + writtenNow + " records written");
                    }
                    assertThat(committed).isEqualTo(RECORDS);
                });
            }
            assertThat(violations).isEmpty();
            synchronized (written) {
                assertThat(written).hasSize(RECORDS).doesNotHaveDuplicates();
            }
        }
    }
}

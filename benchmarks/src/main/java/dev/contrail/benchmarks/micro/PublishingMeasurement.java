package dev.contrail.benchmarks.micro;

import dev.contrail.demo.EmbeddedServices;
import dev.contrail.infrastructure.publishing.BatchAcknowledgedPublisher;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store → Kafka hop's publisher with Kafka's acknowledgement awaited (ADR 0026), against the embedded broker
 * in this JVM: units of work of 100 events, as the publishing processor hands them over (its batch size), each event
 * about 150 bytes, keyed by one of 10,000 aircraft, {@code acks=all}:
 *
 * <ul>
 *   <li>{@code per event} (before ADR 0041): axon-kafka-extension's {@link KafkaPublisher}, which waits for each
 *       event's acknowledgement before it sends the next;</li>
 *   <li>{@code per unit of work} (ADR 0041): {@link BatchAcknowledgedPublisher}, which sends all 100 and waits once,
 *       in the unit of work's prepare-commit phase.</li>
 * </ul>
 * Reports events/s and the CPU of this JVM (the publisher and the broker) per 1,000 events. Reading the events from the
 * event store, which the processor does too, is not part of it.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.contrail.benchmarks.micro.PublishingMeasurement [seconds per case]}.
 */
public final class PublishingMeasurement {

    private static final int BATCH = 100;
    private static final int AIRCRAFT = 10_000;
    private static final String TOPIC = "publishing-measurement";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private PublishingMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path data = Files.createTempDirectory("publishing-measurement");
        String bootstrap = EmbeddedServices.kafkaBootstrapServers(3, data);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        ProducerFactory<String, byte[]> producers = DefaultProducerFactory.<String, byte[]>builder()
                .configuration(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK)
                .build();
        try {
            TopicResolver topic = event -> Optional.of(TOPIC);
            KafkaPublisher<String, byte[]> perEvent = KafkaPublisher.<String, byte[]>builder()
                    .serializer(JacksonSerializer.defaultSerializer()).producerFactory(producers).messageConverter(new Converter()).topicResolver(topic)
                    .publisherAckTimeout(ACK_TIMEOUT.toMillis()).build();
            KafkaPublisher<String, byte[]> perUnitOfWork = BatchAcknowledgedPublisher.create(JacksonSerializer.defaultSerializer(), producers, new Converter(),
                    NoOpMessageMonitor.INSTANCE, topic, ACK_TIMEOUT);
            System.out.printf("cores %d, %s %s, broker in this JVM; units of work of %d events%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), BATCH);
            System.out.println("| acknowledgement awaited | events/s | CPU ms per 1,000 events (publisher + broker) |");
            System.out.println("| --- | ---: | ---: |");
            double[] rates = new double[2];
            for (boolean report : new boolean[] {false, true}) {
                rates[0] = run("per event (axon-kafka-extension)", perEvent, seconds, report);
                rates[1] = run("per unit of work (ADR 0041)", perUnitOfWork, seconds, report);
            }
            System.out.printf(Locale.ROOT, "%nper unit of work / per event: %.1f×%n", rates[1] / rates[0]);
        } finally {
            producers.shutDown();
            EmbeddedServices.stop();
        }
    }

    private static double run(String name, KafkaPublisher<String, byte[]> publisher, double seconds, boolean report) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long events = 0;
        while (System.nanoTime() < end) {
            long first = events;
            DefaultUnitOfWork.startAndGet(null).execute(() -> {
                for (int i = 0; i < BATCH; i++) {
                    publisher.send(GenericEventMessage.asEventMessage(first + i));
                }
            });
            events += BATCH;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
        double rate = events / wall;
        if (report) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f |%n", name, rate, cpuMs / (events / 1000.0));
        }
        return rate;
    }

    /** About 150 bytes per event, keyed by one of 10,000 aircraft: the size of a published Flight Tracking event. */
    private static final class Converter implements KafkaMessageConverter<String, byte[]> {
        private static final String PADDING = "x".repeat(130);

        @Override
        public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
            long n = (Long) event.getPayload();
            String aircraft = Integer.toHexString(0xa00000 + (int) (n % AIRCRAFT));
            return new ProducerRecord<>(topic, aircraft, (aircraft + n + PADDING).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
            return Optional.empty();
        }
    }
}

package dev.contrail.infrastructure.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher of ADR 0041 in a real Axon unit of work, against Kafka's {@link MockProducer}, whose acknowledgements
 * the test gives or refuses: every event of the unit is handed to Kafka before any acknowledgement is awaited, and the
 * unit commits only once all of them are acknowledged — or fails, so that the processor's token does not move.
 */
class BatchAcknowledgedPublisherTest {

    private static final String TOPIC = "flight-tracking.events";

    private final MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final List<String> monitored = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> unit = new CompletableFuture<>();

    @AfterEach
    void stopWaiting() {
        kafka.close();
    }

    @Test
    void everyEventOfAUnitOfWorkIsSentBeforeItsAcknowledgementsAreAwaitedAndTheUnitCommitsOnceAllAreAcknowledged() {
        BatchAcknowledgedPublisher<String, byte[]> publisher = publisher(Duration.ofSeconds(30));

        publishInOneUnitOfWork(publisher, "FlightDetected", "TookOff", "PositionReported");

        // The extension's own publisher blocks on the first event's acknowledgement and never sends the second.
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.history().size() == 3);
        assertThat(unit).isNotDone();
        kafka.completeNext();
        kafka.completeNext();
        assertThat(unit).isNotDone();
        kafka.completeNext();

        await().atMost(Duration.ofSeconds(30)).until(unit::isDone);
        assertThat(unit).isCompleted();
        assertThat(kafka.history()).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("FlightDetected", "TookOff", "PositionReported");
        assertThat(monitored).containsExactly("success", "success", "success");
    }

    @Test
    void anEventTheBrokerRefusesFailsTheWholeUnitOfWorkWhichRollsBack() {
        BatchAcknowledgedPublisher<String, byte[]> publisher = publisher(Duration.ofSeconds(30));
        AtomicBoolean rolledBack = new AtomicBoolean();

        publishInOneUnitOfWork(publisher, rolledBack, "FlightDetected", "TookOff");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.history().size() == 2);
        kafka.completeNext();
        kafka.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("not enough replicas"));

        await().atMost(Duration.ofSeconds(30)).until(unit::isDone);
        assertThat(unit).isCompletedExceptionally();
        assertThatThrownBy(unit::join).hasCauseInstanceOf(EventPublicationFailedException.class)
                .hasMessageContaining("not enough replicas");
        assertThat(rolledBack).isTrue();
        assertThat(monitored).containsExactly("success", "failure");
    }

    @Test
    void aUnitOfWorkWhoseEventsAreNotAcknowledgedInTimeFails() {
        BatchAcknowledgedPublisher<String, byte[]> publisher = publisher(Duration.ofMillis(200));

        publishInOneUnitOfWork(publisher, "FlightDetected", "TookOff");

        await().atMost(Duration.ofSeconds(30)).until(unit::isDone);
        assertThat(unit).isCompletedExceptionally();
        assertThatThrownBy(unit::join).hasCauseInstanceOf(EventPublicationFailedException.class)
                .hasMessageContaining("within 200 ms");
        assertThat(monitored).containsExactly("failure", "failure");
    }

    @Test
    void anEventNoContextPublishesIsNotSent() {
        BatchAcknowledgedPublisher<String, byte[]> publisher = publisher(Duration.ofSeconds(30));

        publishInOneUnitOfWork(publisher, "internal", "TookOff");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.history().size() == 1);
        kafka.completeNext();

        await().atMost(Duration.ofSeconds(30)).until(unit::isDone);
        assertThat(unit).isCompleted();
        assertThat(kafka.history()).extracting(record -> new String(record.value(), StandardCharsets.UTF_8)).containsExactly("TookOff");
    }

    private void publishInOneUnitOfWork(BatchAcknowledgedPublisher<String, byte[]> publisher, String... payloads) {
        publishInOneUnitOfWork(publisher, new AtomicBoolean(), payloads);
    }

    /** Publishes the payloads in one unit of work on a thread of its own, as the publishing processor does with a batch. */
    private void publishInOneUnitOfWork(BatchAcknowledgedPublisher<String, byte[]> publisher, AtomicBoolean rolledBack, String... payloads) {
        Thread processor = new Thread(() -> {
            try {
                UnitOfWork<?> work = DefaultUnitOfWork.startAndGet(null);
                work.onRollback(u -> rolledBack.set(true));
                work.execute(() -> {
                    for (String payload : payloads) {
                        publisher.send(GenericEventMessage.asEventMessage(payload));
                    }
                });
                unit.complete(null);
            } catch (Throwable failure) {
                unit.completeExceptionally(failure);
            }
        }, "publishing-processor");
        processor.setDaemon(true);
        processor.start();
    }

    private BatchAcknowledgedPublisher<String, byte[]> publisher(Duration ackTimeout) {
        ProducerFactory<String, byte[]> producers = new ProducerFactory<>() {
            @Override
            public Producer<String, byte[]> createProducer() {
                return kafka;
            }

            @Override
            public ConfirmationMode confirmationMode() {
                return ConfirmationMode.WAIT_FOR_ACK;
            }

            @Override
            public void shutDown() {
            }
        };
        KafkaMessageConverter<String, byte[]> converter = new KafkaMessageConverter<>() {
            @Override
            public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
                return new ProducerRecord<>(topic, "a0b1c2", event.getPayload().toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
                return Optional.empty();
            }
        };
        MessageMonitor<EventMessage<?>> monitor = message -> new MessageMonitor.MonitorCallback() {
            @Override
            public void reportSuccess() {
                monitored.add("success");
            }

            @Override
            public void reportFailure(Throwable cause) {
                monitored.add("failure");
            }

            @Override
            public void reportIgnored() {
                monitored.add("ignored");
            }
        };
        return BatchAcknowledgedPublisher.create(JacksonSerializer.defaultSerializer(), producers, converter, monitor,
                event -> "internal".equals(event.getPayload()) ? Optional.empty() : Optional.of(TOPIC), ackTimeout);
    }
}

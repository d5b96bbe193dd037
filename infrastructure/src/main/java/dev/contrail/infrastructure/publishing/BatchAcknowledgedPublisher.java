package dev.contrail.infrastructure.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.serialization.Serializer;

/**
 * axon-kafka-extension's publisher in {@link ConfirmationMode#WAIT_FOR_ACK}, waiting for the broker once per unit of
 * work instead of once per event (ADR 0041, amends ADR 0026).
 *
 * <p>The extension's {@code KafkaPublisher.send} blocks on each record's acknowledgement before it returns, so the
 * publishing processor's batch of 100 events costs 100 round trips and 100 producer lingers: at most a few hundred
 * events per second. Here every event of the unit of work (the processor's batch) is sent at once, and the
 * acknowledgements of all of them are awaited in the unit of work's prepare-commit phase. The processor stores its
 * token in the same phase, inside the unit of work's database transaction, which commits only after every
 * prepare-commit handler has returned: an event the broker has not acknowledged within the timeout fails the unit of
 * work, the transaction rolls back with the token in it, and the processor retries the batch. The guarantee of
 * ADR 0026 stands — a crash can repeat an event on its topic, never skip one — with one wait per batch.
 *
 * <p>Other confirmation modes are left to the extension.
 */
public final class BatchAcknowledgedPublisher<K, V> extends KafkaPublisher<K, V> {

    private final ProducerFactory<K, V> producers;
    private final KafkaMessageConverter<K, V> converter;
    private final MessageMonitor<? super EventMessage<?>> monitor;
    private final TopicResolver topics;
    private final Duration ackTimeout;
    /** This publisher's sends not yet acknowledged, as a resource of the unit of work that made them. */
    private final String pendingResource = BatchAcknowledgedPublisher.class.getName() + ".pending@" + System.identityHashCode(this);

    private BatchAcknowledgedPublisher(KafkaPublisher.Builder<K, V> builder, ProducerFactory<K, V> producers,
                                       KafkaMessageConverter<K, V> converter, MessageMonitor<? super EventMessage<?>> monitor,
                                       TopicResolver topics, Duration ackTimeout) {
        super(builder);
        this.producers = producers;
        this.converter = converter;
        this.monitor = monitor;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    /**
     * @param serializer the events' serializer: the extension's builder wants it (its default converter would use it),
     *                   though {@code converter} is what shapes each record
     */
    public static <K, V> BatchAcknowledgedPublisher<K, V> create(Serializer serializer, ProducerFactory<K, V> producers,
                                                               KafkaMessageConverter<K, V> converter,
                                                               MessageMonitor<? super EventMessage<?>> monitor, TopicResolver topics,
                                                               Duration ackTimeout) {
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        KafkaPublisher.Builder<K, V> builder = KafkaPublisher.<K, V>builder()
                .serializer(serializer)
                .producerFactory(producers)
                .messageConverter(converter)
                .messageMonitor(monitor)
                .topicResolver(topics)
                .publisherAckTimeout(ackTimeout.toMillis());
        return new BatchAcknowledgedPublisher<>(builder, producers, converter, monitor, topics, ackTimeout);
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        if (producers.confirmationMode() != ConfirmationMode.WAIT_FOR_ACK) {
            super.send(event);
            return;
        }
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        MonitorCallback callback = monitor.onMessageIngested(event);
        Producer<K, V> producer = producers.createProducer();
        Future<RecordMetadata> acknowledgement;
        try {
            acknowledgement = producer.send(converter.createKafkaMessage(event, topic.get()));
        } catch (RuntimeException e) {
            callback.reportFailure(e);
            producer.close();
            throw new EventPublicationFailedException("Could not hand event " + event.getIdentifier() + " to the Kafka producer", e);
        }
        pending(unit).add(new Pending(acknowledgement, callback, producer));
    }

    private List<Pending> pending(UnitOfWork<?> unit) {
        return unit.getOrComputeResource(pendingResource, key -> {
            List<Pending> sends = new ArrayList<>();
            unit.onPrepareCommit(u -> awaitAcknowledgements(sends));
            unit.onRollback(u -> sends.forEach(send -> send.producer.close()));
            return sends;
        });
    }

    /** Waits for every send of the unit of work, within one {@code ackTimeout} for all of them; throws on the first failure. */
    private void awaitAcknowledgements(List<Pending> sends) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        RuntimeException failure = null;
        for (Pending send : sends) {
            if (failure != null) {
                send.callback.reportFailure(failure);
                continue;
            }
            try {
                send.acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                send.callback.reportSuccess();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new EventPublicationFailedException("Interrupted while waiting for Kafka to acknowledge published events", e);
                send.callback.reportFailure(e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                failure = new EventPublicationFailedException("Kafka did not acknowledge every one of the " + sends.size() + " events published in this unit of work within "
                        + ackTimeout.toMillis() + " ms: " + cause, cause);
                send.callback.reportFailure(cause);
            }
        }
        sends.forEach(send -> send.producer.close());
        if (failure != null) {
            throw failure;
        }
    }

    private record Pending(Future<RecordMetadata> acknowledgement, MonitorCallback callback, Producer<?, ?> producer) {
    }
}

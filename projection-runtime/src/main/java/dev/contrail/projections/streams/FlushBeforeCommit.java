package dev.contrail.projections.streams;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Writes that a Kafka Streams application holds back to send them in batches, made safe for at-least-once: every
 * registered flush runs, on the committing thread, before the application's consumer commits offsets (ADR 0020).
 *
 * <p>Kafka Streams gives a processor no hook before it commits the offsets of the records it processed: a buffer in a
 * processor would let offsets be committed for records that were never written, lost for good if the instance dies
 * then ({@code StateStore#flush} runs after the commit, and punctuators are not ordered with commits). Under
 * at-least-once, Kafka Streams commits by calling {@link Consumer#commitSync} on its main consumer, which it takes
 * from a {@code KafkaClientSupplier}; {@link #guard} wraps that consumer so that its commits first flush what every
 * processor of the application has staged. A flush that fails fails the commit, so the stream thread stops before the
 * offsets move and the records are processed again — which idempotent writers make harmless.
 *
 * <p>What a flush may do: write to systems outside Kafka synchronously (PostgreSQL, Axon's event store). Not what it
 * may not: send through Kafka Streams' own producer, or touch state stores — the commit has already flushed those.
 */
public final class FlushBeforeCommit {

    private final List<Runnable> flushes = new CopyOnWriteArrayList<>();

    /** Runs {@code flush} before each offset commit of the application, until the returned registration is closed. */
    public Registration register(Runnable flush) {
        Objects.requireNonNull(flush, "flush");
        flushes.add(flush);
        return () -> flushes.remove(flush);
    }

    /** Runs every registered flush, in the order registered; the first failure propagates. */
    public void flushAll() {
        for (Runnable flush : flushes) {
            flush.run();
        }
    }

    /** How many flushes are registered (processors of assigned tasks, usually one per task). */
    public int registered() {
        return flushes.size();
    }

    /** The consumer, with {@link #flushAll()} run before every {@code commitSync} and {@code commitAsync}. */
    @SuppressWarnings("unchecked")
    public <K, V> Consumer<K, V> guard(Consumer<K, V> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().startsWith("commit")) {
                flushAll();
            }
            try {
                return method.invoke(consumer, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class}, handler);
    }

    /** A registered flush; closing it stops it from running (a processor closing with its task). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

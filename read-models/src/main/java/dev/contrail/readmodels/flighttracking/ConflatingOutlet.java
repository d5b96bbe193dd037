package dev.contrail.readmodels.flighttracking;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * One subscriber of a shared fan-out (ADR 0030): the latest value of each key it has not taken yet, at most
 * {@code maxPending} keys, handed out as it asks for them on a worker of a shared scheduler — the same conflation as
 * the per-subscriber operator it replaced (kept in the benchmarks module as their baseline), fed by a publisher that
 * pushes values straight in rather than through a subscription of its own.
 *
 * <p>The publisher {@link #offer}s the values it matched to this subscriber and, once per batch, {@link #wake}s it. It
 * never waits: an offer takes this subscriber's lock for a map put, and the hand-out runs elsewhere, only against the
 * subscriber's demand (Spring GraphQL's WebSocket handler queues what it requested for its session's sender), so a
 * slow client holds back only itself. When {@code maxPending} keys already wait, a value of a new key is dropped
 * (counted): the bound on what a stalled subscriber can hold.
 */
final class ConflatingOutlet<K, T> {

    private final Function<? super T, ? extends K> key;
    private final Predicate<? super T> which;
    private final int maxPending;
    private final Scheduler.Worker worker;
    private final FluxSink<T> sink;
    private final AtomicLong dropped;
    /** Guarded by itself. Insertion order: a replaced value keeps its key's place in the queue. */
    private final LinkedHashMap<K, T> pending = new LinkedHashMap<>();
    /** Serialises drains (the usual work-in-progress counter): only the drain that moved it from 0 runs. */
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean done;
    private boolean terminated;
    /** The publisher's mark of the last batch that woke this outlet (publisher's thread only). */
    long lastBatch = -1;

    /**
     * @param which   whether a value the index found for this subscriber is one it wants (e.g. inside its box)
     * @param dropped counts the values dropped because {@code maxPending} keys were waiting
     */
    ConflatingOutlet(Function<? super T, ? extends K> key, Predicate<? super T> which, int maxPending, Scheduler.Worker worker,
                     FluxSink<T> sink, AtomicLong dropped) {
        this.key = key;
        this.which = which;
        this.maxPending = maxPending;
        this.worker = worker;
        this.sink = sink;
        this.dropped = dropped;
        sink.onRequest(requested -> wake());
    }

    /** Keeps {@code value} if this subscriber wants it; returns whether it did. Publisher's thread; never waits on the client. */
    boolean offer(T value) {
        if (!which.test(value) || sink.isCancelled()) {
            return false;
        }
        K k = key.apply(value);
        synchronized (pending) {
            if (pending.size() >= maxPending && !pending.containsKey(k)) {
                dropped.incrementAndGet();
                return false;
            }
            pending.put(k, value);
        }
        return true;
    }

    /** Has what is pending handed out, on the worker. */
    void wake() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this::drain);
            } catch (RejectedExecutionException workerDisposed) {
                // Cancelled meanwhile: nobody to deliver to, and the publisher must not get this subscriber's failure.
            }
        }
    }

    /** No more values will come: what is pending is still handed out, then the end. */
    void complete() {
        done = true;
        wake();
    }

    /** Forgets what is pending and stops the worker: the subscriber cancelled. */
    void dispose() {
        worker.dispose();
        synchronized (pending) {
            pending.clear();
        }
    }

    int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private void drain() {
        int missed = 1;
        do {
            while (!terminated && !sink.isCancelled() && sink.requestedFromDownstream() > 0) {
                T next = takeFirst();
                if (next == null) {
                    break;
                }
                sink.next(next);
            }
            if (!terminated && done && pending() == 0) {
                terminated = true;
                sink.complete();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private T takeFirst() {
        synchronized (pending) {
            Iterator<Map.Entry<K, T>> first = pending.entrySet().iterator();
            if (!first.hasNext()) {
                return null;
            }
            T value = first.next().getValue();
            first.remove();
            return value;
        }
    }
}

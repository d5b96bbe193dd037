package dev.contrail.benchmarks.micro;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The live map's fan-out before ADR 0030, kept as {@link FanOutMeasurement}'s baseline (Contrail itself now uses
 * {@code ConflatingOutlet} behind an index of the subscribers' areas). A conflating operator: per subscriber, the latest value of each key that the subscriber has not taken yet, handed
 * out as it asks for them. A subscriber that keeps up sees every value; one that falls behind sees, for each key,
 * the latest value at the time it asks, never an older one after a newer one. What waits for it is bounded by the
 * number of keys (one value per key), not by how long it has been slow.
 *
 * <p>Keys wait in the order they first started to wait: a key that keeps changing does not push the others back,
 * so no key starves.
 *
 * <p>The source is always requested in full and never waits for a subscriber. Values are handed to the subscriber
 * on a worker of the given scheduler, never on the thread that produced them: a WebSocket send that blocks on a
 * slow client blocks that worker, not the Kafka Streams thread that feeds every subscriber.
 */
public final class Conflation {

    private Conflation() {
    }

    /** Use with {@link Flux#transform}: {@code changes.transform(Conflation.latestPerKey(LiveFlight::icao24, scheduler))}. */
    public static <T, K> Function<Flux<T>, Flux<T>> latestPerKey(Function<? super T, ? extends K> key, Scheduler scheduler) {
        Function<Flux<List<T>>, Flux<T>> batches = latestPerKeyOfBatches(key, value -> true, scheduler);
        return source -> batches.apply(source.map(List::of));
    }

    /**
     * As {@link #latestPerKey}, from a source that hands over values in batches, keeping those that {@code which}
     * selects: a batch wakes the subscriber's delivery once, however many of its values the subscriber takes — what
     * lets one source feed many subscribers without a wake-up per value and subscriber.
     */
    public static <T, K> Function<Flux<List<T>>, Flux<T>> latestPerKeyOfBatches(Function<? super T, ? extends K> key,
                                                                                 Predicate<? super T> which, Scheduler scheduler) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(scheduler, "scheduler");
        // OverflowStrategy.ERROR: the drain loop emits only against demand, so an overflow would be a bug here and
        // must show as one rather than quietly grow a buffer, which is what this operator exists to prevent.
        return source -> Flux.create(sink -> new Conflator<T, K>(key, which, scheduler.createWorker(), sink).subscribeTo(source),
                FluxSink.OverflowStrategy.ERROR);
    }

    /** One subscriber's conflation state. */
    private static final class Conflator<T, K> {

        private final Function<? super T, ? extends K> key;
        private final Predicate<? super T> which;
        private final Scheduler.Worker worker;
        private final FluxSink<T> sink;
        /** Guarded by itself. Insertion order: a replaced value keeps its key's place in the queue. */
        private final LinkedHashMap<K, T> pending = new LinkedHashMap<>();
        /** Serialises drains (the usual work-in-progress counter): only the drain that moved it from 0 runs. */
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private volatile Throwable error;
        private boolean terminated;

        Conflator(Function<? super T, ? extends K> key, Predicate<? super T> which, Scheduler.Worker worker, FluxSink<T> sink) {
            this.key = key;
            this.which = which;
            this.worker = worker;
            this.sink = sink;
        }

        void subscribeTo(Flux<List<T>> source) {
            Disposable upstream = source.subscribe(this::offer, this::fail, this::complete);
            sink.onRequest(requested -> drainLater());
            sink.onDispose(() -> {
                upstream.dispose();
                worker.dispose();
                synchronized (pending) {
                    pending.clear();
                }
            });
        }

        private void offer(List<T> values) {
            if (sink.isCancelled()) {
                return;
            }
            boolean any = false;
            synchronized (pending) {
                for (T value : values) {
                    if (which.test(value)) {
                        pending.put(key.apply(value), value);
                        any = true;
                    }
                }
            }
            if (any) {
                drainLater();
            }
        }

        private void fail(Throwable failure) {
            error = failure;
            done = true;
            drainLater();
        }

        private void complete() {
            done = true;
            drainLater();
        }

        private void drainLater() {
            if (wip.getAndIncrement() == 0) {
                try {
                    worker.schedule(this::drain);
                } catch (RejectedExecutionException workerDisposed) {
                    // The subscriber cancelled while the source was still handing over a value: there is no one left
                    // to deliver to, and the thread feeding every subscriber must not get this subscriber's failure.
                }
            }
        }

        /** Hands out pending values while the subscriber asks for them; then, once the source is done, its end. */
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
                if (!terminated && done && isEmpty()) {
                    // What was pending is still worth delivering before the end, even the end of an error.
                    terminated = true;
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.complete();
                    }
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

        private boolean isEmpty() {
            synchronized (pending) {
                return pending.isEmpty();
            }
        }
    }
}

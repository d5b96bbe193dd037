package dev.contrail.readmodels.flighttracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fans every change of the live-flights model out to the subscribers in this instance: one shared, indexed,
 * conflating fan-out (ADR 0030).
 *
 * <ul>
 *   <li><b>Matched once.</b> Subscribers are listed in an {@link AreaIndex}, a grid over their areas: a change is
 *       offered only to the subscribers whose cells hold its position (and to those without an area), not tested
 *       against every subscriber.</li>
 *   <li><b>Conflated per subscriber.</b> Each keeps the latest state of each aircraft it has not taken yet
 *       ({@link ConflatingOutlet}), at most {@link #DEFAULT_MAX_PENDING} aircraft: a slow subscriber gets the latest,
 *       never a backlog, since each change carries the aircraft's whole current state.</li>
 *   <li><b>Never waits.</b> The projection's thread only puts values into the matched subscribers' maps and wakes each
 *       once per batch; the hand-out runs on a worker of a shared, CPU-bound scheduler (Reactor's parallel one, a
 *       thread per core) and only against the subscriber's demand, so it never blocks either: a slow client holds
 *       back only its own subscription.</li>
 * </ul>
 *
 * <p>Each instance sees the changes of the partitions its projection processes; with more than one instance,
 * subscribers need a per-instance feed of all partitions (see ADR 0005).
 */
public class LiveFlightUpdates implements Consumer<LiveFlight> {

    /** Aircraft that may wait for one subscriber; more than a global feed's ~15,000 airborne at once. */
    public static final int DEFAULT_MAX_PENDING = 20_000;

    private final AreaIndex<ConflatingOutlet<String, LiveFlight>> index = new AreaIndex<>();
    private final Scheduler delivery;
    private final int maxPending;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong subscribers = new AtomicLong();
    // The publisher's, guarded by this.
    private final List<ConflatingOutlet<String, LiveFlight>> woken = new ArrayList<>();
    private long batch;

    public LiveFlightUpdates() {
        this(Schedulers.parallel(), DEFAULT_MAX_PENDING);
    }

    public LiveFlightUpdates(Scheduler delivery) {
        this(delivery, DEFAULT_MAX_PENDING);
    }

    /**
     * @param delivery   where subscribers are handed their changes; its work never blocks, so a CPU-bound scheduler
     * @param maxPending aircraft that may wait for one subscriber; a change of one more is dropped for it
     */
    public LiveFlightUpdates(Scheduler delivery, int maxPending) {
        this.delivery = delivery;
        this.maxPending = maxPending;
    }

    @Override
    public void accept(LiveFlight change) {
        acceptAll(List.of(change));
    }

    /**
     * Hands on the changes of one batch of the projection (ADR 0020): each is matched through the index, and each
     * subscriber that got any is woken once.
     */
    @SuppressWarnings("unchecked")
    public synchronized void acceptAll(List<LiveFlight> changes) {
        // synchronized: Kafka Streams may call from several stream threads; the index's snapshot is the publisher's.
        if (changes.isEmpty()) {
            return;
        }
        index.refresh();
        long mark = ++batch;
        Object[] everywhere = index.everywhere();
        for (LiveFlight change : changes) {
            offer(everywhere, change, mark);
            Double latitude = change.latitude();
            Double longitude = change.longitude();
            if (latitude != null && longitude != null) {
                offer(index.fineAt(latitude, longitude), change, mark);
                offer(index.coarseAt(latitude, longitude), change, mark);
            }
        }
        for (ConflatingOutlet<String, LiveFlight> outlet : woken) {
            outlet.wake();
        }
        woken.clear();
    }

    @SuppressWarnings("unchecked")
    private void offer(Object[] candidates, LiveFlight change, long mark) {
        for (Object candidate : candidates) {
            var outlet = (ConflatingOutlet<String, LiveFlight>) candidate;
            if (outlet.offer(change) && outlet.lastBatch != mark) {
                outlet.lastBatch = mark;
                woken.add(outlet);
            }
        }
    }

    /**
     * The changes of the aircraft inside {@code area} (every change when null), conflated per aircraft for this
     * subscriber, handed out on the delivery scheduler.
     */
    public Flux<LiveFlight> changesWithin(BoundingBox area) {
        Predicate<LiveFlight> inside = area == null ? flight -> true : flight -> area.contains(flight.latitude(), flight.longitude());
        return subscribe(area, inside);
    }

    /**
     * The changes that {@code which} selects, conflated per aircraft for this subscriber: tested against every change,
     * so {@link #changesWithin} is the one to use for an area.
     */
    public Flux<LiveFlight> changesOf(Predicate<LiveFlight> which) {
        return subscribe(null, which);
    }

    /** Subscriptions open now. */
    public long subscribers() {
        return subscribers.get();
    }

    /** Changes dropped for subscribers that had {@code maxPending} aircraft waiting, since start. */
    public long droppedChanges() {
        return dropped.get();
    }

    private Flux<LiveFlight> subscribe(BoundingBox area, Predicate<LiveFlight> which) {
        // OverflowStrategy.ERROR: the outlet hands out only against demand, so an overflow would be a bug here and must
        // show as one rather than quietly grow a buffer, which is what the conflation exists to prevent.
        return Flux.create(sink -> {
            var outlet = new ConflatingOutlet<String, LiveFlight>(LiveFlight::icao24, which, maxPending, delivery.createWorker(), sink, dropped);
            index.add(area, outlet);
            subscribers.incrementAndGet();
            sink.onDispose(() -> {
                index.remove(area, outlet);
                subscribers.decrementAndGet();
                outlet.dispose();
            });
        }, FluxSink.OverflowStrategy.ERROR);
    }
}

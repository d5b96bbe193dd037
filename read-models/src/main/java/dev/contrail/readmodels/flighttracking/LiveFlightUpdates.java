package dev.contrail.readmodels.flighttracking;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fans every change of the live-flights model out to the subscribers in this instance.
 *
 * <p>The projection must never wait for a subscriber, and a subscriber that cannot keep up must not grow a backlog.
 * {@link #changesOf} therefore conflates per aircraft ({@link Conflation}): a slow subscriber gets the latest state
 * of each aircraft that changed since it last asked, which is all a live map needs, since each change carries the
 * aircraft's whole current state.
 *
 * <p>Each instance sees the changes of the partitions its projection processes; with more than one instance,
 * subscribers need a per-instance feed of all partitions (see ADR 0005).
 */
public class LiveFlightUpdates implements Consumer<LiveFlight> {

    // directBestEffort: only a subscriber without demand misses a change, and the conflating subscribers of
    // changesOf always have demand, since they request everything and keep the latest per aircraft themselves.
    private final Sinks.Many<List<LiveFlight>> sink = Sinks.many().multicast().directBestEffort();
    private final Scheduler delivery;

    public LiveFlightUpdates() {
        // Bounded elastic: delivering to a WebSocket may block while the client is slow.
        this(Schedulers.boundedElastic());
    }

    public LiveFlightUpdates(Scheduler delivery) {
        this.delivery = delivery;
    }

    @Override
    public void accept(LiveFlight change) {
        acceptAll(List.of(change));
    }

    /**
     * Hands on the changes of one batch of the projection (ADR 0020) at once: each subscriber picks its own out of the
     * batch and wakes up its delivery once, rather than once per change.
     */
    public synchronized void acceptAll(List<LiveFlight> changes) {
        // synchronized: Kafka Streams may call from several stream threads, and a sink must be fed serially.
        if (!changes.isEmpty()) {
            sink.tryEmitNext(changes);
        }
    }

    /**
     * The changes of the aircraft that {@code which} selects, conflated per aircraft for this subscriber, and
     * delivered on a thread of their own.
     */
    public Flux<LiveFlight> changesOf(Predicate<LiveFlight> which) {
        return sink.asFlux().transform(Conflation.latestPerKeyOfBatches(LiveFlight::icao24, which, delivery));
    }
}

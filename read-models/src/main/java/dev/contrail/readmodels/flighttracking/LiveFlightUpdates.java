package dev.contrail.readmodels.flighttracking;

import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans every change of the live-flights model out to the subscribers in this instance. Best effort per
 * subscriber: one that cannot keep up misses intermediate states instead of slowing the projection down or
 * growing a backlog (the next change of the same aircraft carries its whole current state).
 *
 * <p>Each instance sees the changes of the partitions its projection processes; with more than one instance,
 * subscribers need a per-instance feed of all partitions (see ADR 0005).
 */
public class LiveFlightUpdates implements Consumer<LiveFlight> {

    private final Sinks.Many<LiveFlight> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public synchronized void accept(LiveFlight change) {
        // synchronized: Kafka Streams may call from several stream threads, and a sink must be fed serially.
        sink.tryEmitNext(change);
    }

    public Flux<LiveFlight> changes() {
        return sink.asFlux();
    }
}

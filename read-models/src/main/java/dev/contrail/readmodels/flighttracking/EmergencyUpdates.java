package dev.contrail.readmodels.flighttracking;

import java.util.function.Consumer;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans every declaration and ending of an emergency out to the subscribers in this instance, once it is stored.
 *
 * <p>Unlike live positions, where the next change carries the whole state, a missed emergency is not repaired by
 * the next one: each subscriber gets a buffer of its own, so a briefly slow one misses nothing. Emergencies are
 * rare, so {@value #BUFFER_PER_SUBSCRIBER} is far more than a subscriber can fall behind unless it has stopped
 * reading; then it loses the oldest, and never slows the projection down.
 *
 * <p>Each instance sees the changes of the partitions its projection processes (see {@link LiveFlightUpdates}).
 */
public class EmergencyUpdates implements Consumer<Emergency> {

    static final int BUFFER_PER_SUBSCRIBER = 256;

    private final Sinks.Many<Emergency> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public synchronized void accept(Emergency change) {
        // synchronized: Kafka Streams may call from several stream threads, and a sink must be fed serially.
        sink.tryEmitNext(change);
    }

    public Flux<Emergency> changes() {
        return sink.asFlux().onBackpressureBuffer(BUFFER_PER_SUBSCRIBER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST);
    }
}

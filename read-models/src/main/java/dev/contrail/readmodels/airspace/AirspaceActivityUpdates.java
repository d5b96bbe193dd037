package dev.contrail.readmodels.airspace;

import java.util.function.Consumer;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans every entry, exit and capacity alert out to the subscribers in this instance once it is stored (a redelivery
 * stores nothing, so it notifies nobody). Each subscriber has a buffer of its own: a briefly slow one misses nothing;
 * one that stopped reading loses the oldest and never slows the projections down.
 */
public class AirspaceActivityUpdates implements Consumer<AirspaceActivity> {

    static final int BUFFER_PER_SUBSCRIBER = 1024;

    private final Sinks.Many<AirspaceActivity> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public synchronized void accept(AirspaceActivity activity) {
        sink.tryEmitNext(activity);
    }

    public Flux<AirspaceActivity> changes() {
        return sink.asFlux().onBackpressureBuffer(BUFFER_PER_SUBSCRIBER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST);
    }
}

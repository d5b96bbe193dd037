package dev.contrail.readmodels.airport;

import java.util.function.Consumer;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans every new departure and arrival out to the subscribers in this instance, once it is on the board. Each
 * subscriber has a bounded buffer of its own: a board entry missed is not repaired by the next one, but a stalled
 * subscriber loses the oldest rather than slow the projection.
 */
public class AirportMovementUpdates implements Consumer<AirportMovementView> {

    static final int BUFFER_PER_SUBSCRIBER = 1_024;

    private final Sinks.Many<AirportMovementView> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public synchronized void accept(AirportMovementView movement) {
        sink.tryEmitNext(movement);
    }

    /** The movements at one airport from now on. */
    public Flux<AirportMovementView> at(String airportIdent) {
        return sink.asFlux().filter(movement -> movement.airportIdent().equals(airportIdent))
                .onBackpressureBuffer(BUFFER_PER_SUBSCRIBER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST);
    }
}

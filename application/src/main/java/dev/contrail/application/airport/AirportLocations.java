package dev.contrail.application.airport;

import dev.contrail.domain.airport.AirportChanged;
import dev.contrail.domain.airport.AirportRegistered;
import java.util.Objects;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the {@link AirportIndex} in step with the Airport context's own events: on a restart without an import,
 * replaying them rebuilds the index (its processor starts from the beginning of the event store each time).
 */
public class AirportLocations {

    private final AirportIndex index;

    public AirportLocations(AirportIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    @EventHandler
    void on(AirportRegistered event) {
        index.put(event.details());
    }

    @EventHandler
    void on(AirportChanged event) {
        index.put(event.details());
    }
}

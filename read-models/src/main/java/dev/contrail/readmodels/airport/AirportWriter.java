package dev.contrail.readmodels.airport;

import dev.contrail.schemas.airport.AirportData;

/** Where the airports projection writes. */
public interface AirportWriter {

    /**
     * Stores what the airport's event at {@code sequence} says it is now, unless a later event was already stored.
     *
     * @return whether it changed the read model
     */
    boolean apply(String ident, long sequence, AirportData airport);
}

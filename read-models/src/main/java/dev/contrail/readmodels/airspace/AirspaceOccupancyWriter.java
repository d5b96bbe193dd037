package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AirspaceEvent;
import java.util.Optional;

/** Where the airspace-occupancy projection writes. */
public interface AirspaceOccupancyWriter {

    /**
     * Applies an entry, exit or capacity alert.
     *
     * @return the capacity alert when this event applied one, for the subscribers; empty otherwise (and on redelivery)
     */
    Optional<AirspaceActivity> apply(AirspaceEvent event);
}

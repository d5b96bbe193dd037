package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AirspaceEvent;
import java.util.Optional;

/** Where the airspace-traffic projection writes. */
public interface AirspaceTrafficWriter {

    /** Logs an entry or exit and recounts its hour; @return it when it was new, empty on redelivery */
    Optional<AirspaceActivity> apply(AirspaceEvent event);
}

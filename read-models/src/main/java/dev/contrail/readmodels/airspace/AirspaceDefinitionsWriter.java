package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AirspaceEvent;

/** Where the airspace-definitions projection writes. */
public interface AirspaceDefinitionsWriter {

    /** Applies a definition, change or retirement; an event older than the one applied changes nothing. */
    void apply(AirspaceEvent event);
}

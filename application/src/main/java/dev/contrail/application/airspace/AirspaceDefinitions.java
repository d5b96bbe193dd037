package dev.contrail.application.airspace;

import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.DefineAirspace;
import dev.contrail.domain.airspace.RetireAirspace;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Use case: keep the airspace volumes as their sources define them. Each call returns once the volume has decided. */
public final class AirspaceDefinitions {

    private final CommandGateway commands;

    public AirspaceDefinitions(CommandGateway commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /**
     * Defines the volume with this id in the definition's source, or redefines it; the volume records a change only if
     * there is one. Volumes with the same id in other sources are other volumes (ADR 0021).
     */
    public void define(String airspaceId, AirspaceDefinition definition, Instant at) {
        commands.sendAndWait(new DefineAirspace(airspaceId, definition, at));
    }

    /** @param volumeId the volume's id within its source, {@code AirspaceVolume.idOf(source, airspaceId)} */
    public void retire(String volumeId, Instant at) {
        commands.sendAndWait(new RetireAirspace(volumeId, at));
    }
}

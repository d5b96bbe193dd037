package dev.contrail.application.airspace;

import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.domain.airspace.RecordEntry;
import dev.contrail.domain.airspace.RecordExit;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: tell the airspace volumes which aircraft enter and leave them. Only transitions come here (ADR 0014);
 * each call returns once the volume has handled it, so the caller keeps each aircraft's transitions in order. A volume
 * is named by its id within its source, {@code AirspaceVolume.idOf(source, airspaceId)} (ADR 0021).
 */
public final class AirspaceTraffic {

    private final CommandGateway commands;

    public AirspaceTraffic(CommandGateway commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    public void entered(String volumeId, String icao24, String flightId, Instant at, AircraftPosition position) {
        commands.sendAndWait(new RecordEntry(volumeId, icao24, flightId, at, position));
    }

    public void exited(String volumeId, String icao24, String flightId, Instant at, AircraftPosition position, ExitReason reason) {
        commands.sendAndWait(new RecordExit(volumeId, icao24, flightId, at, position, reason));
    }
}

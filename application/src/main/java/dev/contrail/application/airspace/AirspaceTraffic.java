package dev.contrail.application.airspace;

import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.domain.airspace.RecordEntry;
import dev.contrail.domain.airspace.RecordExit;
import dev.contrail.application.CommandBatch;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Use case: tell the airspace volumes which aircraft enter and leave them. Only transitions come here (ADR 0014);
 * each call returns once the volume has handled it, so the caller keeps each aircraft's transitions in order. A volume
 * is named by its id within its source, {@code AirspaceVolume.idOf(source, airspaceId)} (ADR 0021). {@link #together}
 * runs many calls as one unit of work in one transaction (ADR 0020, ADR 0044).
 */
public final class AirspaceTraffic {

    private final CommandGateway commands;
    private final CommandBatch batch;

    /** Without a transaction manager: each command is its own unit of work, and {@link #together} groups nothing. */
    public AirspaceTraffic(CommandGateway commands) {
        this(commands, NoTransactionManager.INSTANCE);
    }

    public AirspaceTraffic(CommandGateway commands, TransactionManager transactions) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.batch = new CommandBatch(transactions);
    }

    public void entered(String volumeId, String icao24, String flightId, Instant at, AircraftPosition position) {
        commands.sendAndWait(new RecordEntry(volumeId, icao24, flightId, at, position));
    }

    public void exited(String volumeId, String icao24, String flightId, Instant at, AircraftPosition position, ExitReason reason) {
        commands.sendAndWait(new RecordExit(volumeId, icao24, flightId, at, position, reason));
    }

    /**
     * Runs {@code calls} — calls of {@link #entered} and {@link #exited}, in order — as one unit of work in one
     * transaction: each volume handles its commands as they are sent, and the events of all of them are stored with
     * one commit. All or nothing: when any command fails, nothing is stored and the failure is thrown; the caller may
     * then make the same calls one by one to find the one that fails.
     */
    public void together(String description, Runnable calls) {
        batch.together(description, calls);
    }
}

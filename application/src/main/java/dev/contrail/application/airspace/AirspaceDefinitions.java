package dev.contrail.application.airspace;

import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.DefineAirspace;
import dev.contrail.domain.airspace.RetireAirspace;
import dev.contrail.application.CommandBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;

/** Use case: keep the airspace volumes as their sources define them. Each call returns once the volume has decided. */
public final class AirspaceDefinitions {

    private final CommandGateway commands;
    private final CommandBatch batch;

    /** Without a transaction manager: each command is its own unit of work, and {@link #defineAll} groups nothing. */
    public AirspaceDefinitions(CommandGateway commands) {
        this(commands, NoTransactionManager.INSTANCE);
    }

    public AirspaceDefinitions(CommandGateway commands, TransactionManager transactions) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.batch = new CommandBatch(transactions);
    }

    /**
     * Defines the volume with this id in the definition's source, or redefines it; the volume records a change only if
     * there is one. Volumes with the same id in other sources are other volumes (ADR 0021).
     */
    private void define(String airspaceId, AirspaceDefinition definition, Instant at) {
        commands.sendAndWait(new DefineAirspace(airspaceId, definition, at));
    }

    /** @param volumeId the volume's id within its source, {@code AirspaceVolume.idOf(source, airspaceId)} */
    public void retire(String volumeId, Instant at) {
        commands.sendAndWait(new RetireAirspace(volumeId, at));
    }

    /** A volume to define: its id within the definition's source, and the definition. */
    public record VolumeDefinition(String airspaceId, AirspaceDefinition definition) {
    }

    /**
     * Defines these volumes as one unit of work in one transaction (ADR 0044, as the airport import's ADR 0034): each
     * volume still decides whether anything changed, but their events are stored with one commit. When the batch fails
     * — a volume refuses, or the commit fails — nothing of it is stored, and each volume is defined again on its own, so
     * that only the one that fails is left out. Returns, per volume in order, null once it is defined, or why it was not.
     */
    public List<RuntimeException> defineAll(List<VolumeDefinition> volumes, Instant at) {
        List<RuntimeException> failures = new ArrayList<>(Collections.nCopies(volumes.size(), null));
        if (volumes.size() > 1) {
            try {
                batch.together("definition of " + volumes.size() + " airspace volumes",
                        () -> volumes.forEach(volume -> define(volume.airspaceId(), volume.definition(), at)));
                return failures;
            } catch (RuntimeException batchFailed) {
                // Nothing of the batch is stored: each volume on its own below.
            }
        }
        for (int i = 0; i < volumes.size(); i++) {
            try {
                define(volumes.get(i).airspaceId(), volumes.get(i).definition(), at);
            } catch (RuntimeException e) {
                failures.set(i, e);
            }
        }
        return failures;
    }
}

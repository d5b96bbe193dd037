package dev.contrail.application.flighttracking;

import dev.contrail.application.CommandBatch;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.domain.flighttracking.TrackPoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Use case: hand the refined observation stream to the aircraft it concerns, and tell them when they fell silent.
 *
 * <p>Each call returns when the aircraft has handled the command, so the caller (the intake topology) keeps each
 * aircraft's observations in order and can retry or dead-letter a failure. {@link #together} runs many calls as one
 * unit of work (ADR 0020): one transaction, the events of all of them stored in one batch.
 */
public final class ObservationIntake {

    private final CommandGateway commands;
    private final CommandBatch batch;

    /** Without a transaction manager: each command is its own unit of work, and {@link #together} groups nothing. */
    public ObservationIntake(CommandGateway commands) {
        this(commands, NoTransactionManager.INSTANCE);
    }

    public ObservationIntake(CommandGateway commands, TransactionManager transactions) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.batch = new CommandBatch(transactions);
    }

    /** Records one observation; returns when the aircraft has handled it. */
    public void record(Observation observation) {
        record(observation, List.of());
    }

    /**
     * Records one observation with the aircraft's positions reported before it (oldest first, see
     * {@link RecordObservation#recentTrack}); returns when the aircraft has handled it.
     */
    public void record(Observation observation, List<TrackPoint> recentTrack) {
        commands.sendAndWait(new RecordObservation(observation, recentTrack));
    }

    /** Tells an aircraft that nothing was heard from it since {@code lastContactAt}; it decides whether its flight is lost. */
    public void declareLost(Icao24 icao24, Instant lastContactAt, Instant now) {
        commands.sendAndWait(new DeclareFlightLost(icao24.value(), lastContactAt, now));
    }

    /**
     * Runs {@code calls} — calls of {@link #record} and {@link #declareLost}, in order — as one unit of work in one
     * transaction. Each command is handled as it is sent, by an aircraft that sees the events of the earlier ones,
     * but the events of all of them are stored together when the last has been handled: one round trip and one commit
     * for the whole batch instead of one per command. All or nothing: when any command fails, nothing is stored and the
     * failure is thrown; the caller may then send the same calls one by one to find the one that fails.
     */
    public void together(String description, Runnable calls) {
        batch.together(description, calls);
    }
}

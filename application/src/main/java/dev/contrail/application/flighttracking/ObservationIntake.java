package dev.contrail.application.flighttracking;

import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: hand the refined observation stream to the aircraft it concerns, and tell them when they fell silent.
 *
 * <p>Each call returns when the aircraft has handled the command, so the caller (the intake topology) keeps each
 * aircraft's observations in order and can retry or dead-letter a failure.
 */
public final class ObservationIntake {

    private final CommandGateway commands;

    public ObservationIntake(CommandGateway commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /** Records one observation; returns when the aircraft has handled it. */
    public void record(Observation observation) {
        commands.sendAndWait(new RecordObservation(observation));
    }

    /** Tells an aircraft that nothing was heard from it since {@code lastContactAt}; it decides whether its flight is lost. */
    public void declareLost(Icao24 icao24, Instant lastContactAt, Instant now) {
        commands.sendAndWait(new DeclareFlightLost(icao24.value(), lastContactAt, now));
    }
}

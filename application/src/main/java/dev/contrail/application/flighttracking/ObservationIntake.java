package dev.contrail.application.flighttracking;

import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: hand the refined observation stream to the aircraft it concerns, and tell them when they fell silent.
 *
 * <p>A batch is dispatched at once and awaited as a whole, so that a command bus with worker threads can
 * work on many aircraft in parallel while each aircraft still sees its observations in order (they come
 * from one Kafka partition, and Axon locks each aggregate).
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

    /** Records the observations, in order per aircraft; returns when all were handled, or throws the first failure. */
    public void record(List<Observation> observations) {
        CompletableFuture<?>[] dispatched = observations.stream()
                .map(observation -> commands.send(new RecordObservation(observation)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(dispatched).join();
    }
}

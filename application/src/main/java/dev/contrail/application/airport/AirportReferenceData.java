package dev.contrail.application.airport;

import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.ImportAirport;
import dev.contrail.domain.airport.ImportOutcome;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: bring an airport's reference data into the Airport context. The airport decides whether that is a
 * registration, a change or nothing; the index learns the airport either way, so that movements can be attributed
 * as soon as the import has passed it.
 */
public final class AirportReferenceData {

    private final CommandGateway commands;
    private final AirportIndex index;

    public AirportReferenceData(CommandGateway commands, AirportIndex index) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** Imports one airport; returns when the airport has handled it. */
    public ImportOutcome importAirport(AirportDetails airport) {
        ImportOutcome outcome = commands.sendAndWait(new ImportAirport(airport));
        index.put(airport);
        return outcome;
    }
}

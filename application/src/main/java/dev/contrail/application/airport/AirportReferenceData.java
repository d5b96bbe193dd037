package dev.contrail.application.airport;

import dev.contrail.application.CommandBatch;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.ImportAirport;
import dev.contrail.domain.airport.ImportOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Use case: bring an airport's reference data into the Airport context. The airport decides whether that is a
 * registration, a change or nothing; the index learns the airport either way, so that movements can be attributed
 * as soon as the import has passed it — but only once the airport's import is committed, so that the index knows
 * exactly the airports that were imported.
 */
public final class AirportReferenceData {

    /** What importing one airport did: its outcome, or the failure that kept it out (then {@code outcome} is null). */
    public record Imported(AirportDetails airport, ImportOutcome outcome, RuntimeException failure) {

        public Imported {
            Objects.requireNonNull(airport, "airport");
            if ((outcome == null) == (failure == null)) {
                throw new IllegalArgumentException("an import has either an outcome or a failure");
            }
        }

        public boolean failed() {
            return failure != null;
        }
    }

    private final CommandGateway commands;
    private final CommandBatch batch;
    private final AirportIndex index;

    /** Without a transaction manager: a batch has no transaction of its own (tests on a command bus without a store). */
    public AirportReferenceData(CommandGateway commands, AirportIndex index) {
        this(commands, new CommandBatch(), index);
    }

    public AirportReferenceData(CommandGateway commands, CommandBatch batch, AirportIndex index) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.batch = Objects.requireNonNull(batch, "batch");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** Imports one airport in a unit of work of its own; returns when the airport has handled it and it is stored. */
    public ImportOutcome importAirport(AirportDetails airport) {
        ImportOutcome outcome = commands.sendAndWait(new ImportAirport(airport));
        index.put(airport);
        return outcome;
    }

    /**
     * Imports these airports (distinct idents) as one unit of work in one transaction ({@link CommandBatch}, ADR 0034):
     * each airport still decides its own outcome, but their events are stored with one commit. When the batch fails —
     * an airport refuses, or the commit fails — nothing of it is stored, and each airport is imported again on its own,
     * so that only the one that fails is reported failed and the others are imported. A batch of one is
     * {@link #importAirport}. Returns one result per airport, in order.
     */
    public List<Imported> importAirports(List<AirportDetails> airports) {
        if (airports.size() == 1) {
            return List.of(importOnItsOwn(airports.get(0)));
        }
        List<ImportOutcome> outcomes = new ArrayList<>(airports.size());
        try {
            batch.together("import of " + airports.size() + " airports", () -> {
                for (AirportDetails airport : airports) {
                    outcomes.add(commands.sendAndWait(new ImportAirport(airport)));
                }
            });
        } catch (RuntimeException batchFailed) {
            return airports.stream().map(this::importOnItsOwn).toList();
        }
        List<Imported> imported = new ArrayList<>(airports.size());
        for (int i = 0; i < airports.size(); i++) {
            index.put(airports.get(i));
            imported.add(new Imported(airports.get(i), outcomes.get(i), null));
        }
        return imported;
    }

    private Imported importOnItsOwn(AirportDetails airport) {
        try {
            return new Imported(airport, importAirport(airport), null);
        } catch (RuntimeException e) {
            return new Imported(airport, null, e);
        }
    }
}

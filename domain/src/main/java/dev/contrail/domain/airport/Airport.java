package dev.contrail.domain.airport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One airport, known by its ident (e.g. KIAD), with its runways: reference data that changes rarely (ADR 0011).
 *
 * <p>The rules: the first import registers it ({@link AirportRegistered}); an import that differs records what
 * changed ({@link AirportChanged}); an identical import records nothing, so re-importing a file is free of events.
 * Movements at the airport are not kept here (see {@link Movement}): an airport would otherwise grow with every
 * departure for ever.
 */
public class Airport {

    @AggregateIdentifier
    private String ident;
    private AirportDetails details;

    /** For Axon: an airport is rebuilt from its events. */
    protected Airport() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportOutcome handle(ImportAirport command) {
        if (details == null) {
            apply(new AirportRegistered(command.ident(), command.details()));
            return ImportOutcome.REGISTERED;
        }
        var changed = details.differencesTo(command.details());
        if (changed.isEmpty()) {
            return ImportOutcome.UNCHANGED;
        }
        apply(new AirportChanged(ident, command.details(), changed));
        return ImportOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(AirportRegistered event) {
        ident = event.ident();
        details = event.details();
    }

    @EventSourcingHandler
    void on(AirportChanged event) {
        details = event.details();
    }
}

package dev.contrail.application;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * An in-memory event store that refuses to store the events of the aggregates named in {@link #unstorable}, as a
 * database that rejects a batch's commit would: what the batched use cases' "one by one after a failed batch" path is
 * tested against.
 */
public final class RefusingEventStorage extends InMemoryEventStorageEngine {

    /** The aggregate identifiers whose events are refused. */
    public final List<String> unstorable = new CopyOnWriteArrayList<>();

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && unstorable.contains(domain.getAggregateIdentifier())) {
                throw new IllegalStateException("the event store refused " + domain.getAggregateIdentifier());
            }
        }
        super.appendEvents(events);
    }
}

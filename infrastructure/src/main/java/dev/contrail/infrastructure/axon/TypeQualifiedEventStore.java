package dev.contrail.infrastructure.axon;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * One aggregate type's view of the shared event store, in which its aggregates are stored under identifiers qualified
 * by the type (ADR 0021): the Airport {@code EIDW} is {@code airport:EIDW} in the store, the AirspaceVolume
 * {@code vatspy-boundaries.geojson.gz/EIDW} is {@code airspace:vatspy-boundaries.geojson.gz/EIDW}.
 *
 * <p>Axon's JDBC storage engine knows one identifier space for all aggregate types (its unique key is
 * {@code (aggregate_identifier, sequence_number)}): without the qualifier an airport and a FIR with the same code are
 * one stream, and whichever comes second fails with {@code IncompatibleAggregateException}. Each aggregate type's
 * repository and snapshotter get this view (see {@code AxonConfiguration.eventSourcedWithSnapshots}); the aggregates
 * themselves keep their natural identifiers. Reading an aggregate's events, its last sequence number, storing its
 * snapshot and publishing the events it applies translate the identifier; everything else (event processors, tracking
 * tokens) is the shared store as it is, whose messages carry the qualified identifier.
 */
public final class TypeQualifiedEventStore implements EventStore {

    /** Lower-case letters and '-': the type qualifier never contains the separator. */
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z-]*");
    public static final char SEPARATOR = ':';

    private final EventStore delegate;
    private final String prefix;

    public TypeQualifiedEventStore(EventStore delegate, String identityType) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (identityType == null || !TYPE.matcher(identityType).matches()) {
            throw new IllegalArgumentException("an identity type is lower-case letters and '-', was " + identityType);
        }
        this.prefix = identityType + SEPARATOR;
    }

    /** The identifier an aggregate of this type has in the store. */
    public String qualified(String aggregateIdentifier) {
        return aggregateIdentifier == null ? null : prefix + aggregateIdentifier;
    }

    /** The aggregate's own identifier from the identifier in the store: what follows the first {@value #SEPARATOR}. */
    public static String unqualified(String storedIdentifier) {
        int separator = storedIdentifier == null ? -1 : storedIdentifier.indexOf(SEPARATOR);
        return separator < 0 ? storedIdentifier : storedIdentifier.substring(separator + 1);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(qualified(aggregateIdentifier));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(qualified(aggregateIdentifier), firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(qualified(aggregateIdentifier));
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(qualify(snapshot));
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        delegate.publish(events.stream().<EventMessage<?>>map(this::qualify).toList());
    }

    private EventMessage<?> qualify(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? qualify(domainEvent) : event;
    }

    private <T> DomainEventMessage<T> qualify(DomainEventMessage<T> event) {
        String identifier = event.getAggregateIdentifier();
        String qualified = qualified(identifier);
        if (Objects.equals(identifier, qualified)) {
            return event;
        }
        return new GenericDomainEventMessage<>(event.getType(), qualified, event.getSequenceNumber(), event, event::getTimestamp);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return delegate.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(java.time.Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(java.time.Duration duration) {
        return delegate.createTokenSince(duration);
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
        return delegate.subscribe(messageProcessor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super EventMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}

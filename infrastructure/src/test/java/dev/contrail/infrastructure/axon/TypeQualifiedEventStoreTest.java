package dev.contrail.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ADR 0021: two aggregate types' views of one event store keep aggregates with the same id apart. */
class TypeQualifiedEventStoreTest {

    private final EmbeddedEventStore shared = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final TypeQualifiedEventStore airports = new TypeQualifiedEventStore(shared, "airport");
    private final TypeQualifiedEventStore volumes = new TypeQualifiedEventStore(shared, "airspace");

    @AfterEach
    void shutDown() {
        shared.shutDown();
    }

    @Test
    void anAirportAndAVolumeWithOneIdAreTwoStreams() {
        airports.publish(new GenericDomainEventMessage<>("Airport", "EIDW", 0, "airport registered"));
        volumes.publish(new GenericDomainEventMessage<>("AirspaceVolume", "EIDW", 0, "airspace defined"));
        volumes.publish(new GenericDomainEventMessage<>("AirspaceVolume", "EIDW", 1, "airspace changed"));

        assertThat(airports.readEvents("EIDW").asStream().map(event -> (Object) event.getPayload())).containsExactly("airport registered");
        assertThat(volumes.readEvents("EIDW").asStream().map(event -> (Object) event.getPayload()))
                .containsExactly("airspace defined", "airspace changed");
        assertThat(volumes.readEvents("EIDW", 1).asStream().map(event -> (Object) event.getPayload())).containsExactly("airspace changed");
        assertThat(airports.lastSequenceNumberFor("EIDW")).contains(0L);
        assertThat(volumes.lastSequenceNumberFor("EIDW")).contains(1L);
        // In the shared store, each under its qualified identifier.
        assertThat(shared.readEvents("EIDW").hasNext()).isFalse();
        assertThat(shared.readEvents("airport:EIDW").asStream().map(DomainEventMessage::getAggregateIdentifier)).containsExactly("airport:EIDW");
    }

    @Test
    void aSnapshotIsStoredAndReadUnderTheQualifiedIdentifier() {
        airports.publish(new GenericDomainEventMessage<>("Airport", "EIDW", 0, "airport registered"));
        airports.publish(new GenericDomainEventMessage<>("Airport", "EIDW", 1, "airport changed"));

        airports.storeSnapshot(new GenericDomainEventMessage<>("Airport", "EIDW", 1, "airport as of 1"));

        assertThat(airports.readEvents("EIDW").asStream().map(event -> (Object) event.getPayload())).containsExactly("airport as of 1");
        assertThat(volumes.readEvents("EIDW").hasNext()).isFalse();
    }

    @Test
    void theQualifierIsAWordWithoutTheSeparator() {
        assertThat(TypeQualifiedEventStore.unqualified("movement:a445ee-1678803600/departure")).isEqualTo("a445ee-1678803600/departure");
        assertThat(TypeQualifiedEventStore.unqualified("KIAD")).isEqualTo("KIAD");
        assertThatIllegalArgumentException().isThrownBy(() -> new TypeQualifiedEventStore(shared, "air:port"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TypeQualifiedEventStore(shared, ""));
    }
}

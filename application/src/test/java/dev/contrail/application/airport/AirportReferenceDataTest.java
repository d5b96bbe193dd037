package dev.contrail.application.airport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.CommandBatch;
import dev.contrail.application.RefusingEventStorage;
import dev.contrail.application.airport.AirportReferenceData.Imported;
import dev.contrail.domain.airport.Airport;
import dev.contrail.domain.airport.AirportChanged;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportRegistered;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.ImportAirport;
import dev.contrail.domain.airport.ImportOutcome;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batched import (ADR 0034) on Axon's real command handling and event sourcing of the {@link Airport} aggregate,
 * over an in-memory event store: what a batch stores, and what happens when one airport of a batch is refused — while
 * it is handled, or when the batch is stored.
 */
class AirportReferenceDataTest {

    /** Refuses the events of some aggregates, as a database that rejects the batch's commit would. */
    private final RefusingEventStorage storage = new RefusingEventStorage();
    private final EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final AirportIndex index = new AirportIndex();
    private final AirportReferenceData referenceData;
    /** The idents whose import the command side refuses while handling it. */
    private final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

    AirportReferenceDataTest() {
        AggregateAnnotationCommandHandler.<Airport>builder().aggregateType(Airport.class)
                .repository(EventSourcingRepository.builder(Airport.class).eventStore(events).build()).build().subscribe(bus);
        bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ImportAirport command && refused.contains(command.ident())) {
                throw new IllegalArgumentException("airport " + command.ident() + " refused");
            }
            return chain.proceed();
        });
        referenceData = new AirportReferenceData(DefaultCommandGateway.builder().commandBus(bus).build(), new CommandBatch(), index);
    }

    @AfterEach
    void stopTheEventStore() {
        events.shutDown();
    }

    @Test
    void aBatchRegistersEachAirportAndAReImportOfTheSameAirportsIsUnchangedAndStoresNothing() {
        List<AirportDetails> airports = airports(5);

        assertThat(referenceData.importAirports(airports)).extracting(Imported::outcome).containsOnly(ImportOutcome.REGISTERED).hasSize(5);
        assertThat(referenceData.importAirports(airports)).extracting(Imported::outcome).containsOnly(ImportOutcome.UNCHANGED).hasSize(5);

        airports.forEach(airport -> assertThat(storedEvents(airport.ident())).containsExactly(AirportRegistered.class));
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void aChangedAirportInABatchIsAChangeAndTheOthersAreUnchanged() {
        List<AirportDetails> airports = airports(3);
        referenceData.importAirports(airports);
        AirportDetails renamed = airport(1, "Renamed");

        var again = referenceData.importAirports(List.of(airports.get(0), renamed, airports.get(2)));

        assertThat(again).extracting(Imported::outcome).containsExactly(ImportOutcome.UNCHANGED, ImportOutcome.CHANGED, ImportOutcome.UNCHANGED);
        assertThat(storedEvents(renamed.ident())).containsExactly(AirportRegistered.class, AirportChanged.class);
    }

    @Test
    void anAirportRefusedInTheMiddleOfABatchFailsAloneAndTheOthersAreImportedOnce() {
        List<AirportDetails> airports = airports(5);
        refused.add(airports.get(2).ident());

        var imported = referenceData.importAirports(airports);

        assertThat(imported).extracting(Imported::outcome).containsExactly(ImportOutcome.REGISTERED, ImportOutcome.REGISTERED, null,
                ImportOutcome.REGISTERED, ImportOutcome.REGISTERED);
        assertThat(imported.get(2).failure()).hasMessageContaining("airport ZZ02 refused");
        assertOnlyTheOthersStoredAndIndexed(airports, 2);
    }

    @Test
    void anAirportTheEventStoreRefusesWhenTheBatchIsStoredFailsAloneAndTheOthersAreImportedOnce() {
        List<AirportDetails> airports = airports(5);
        storage.unstorable.add(airports.get(4).ident());

        var imported = referenceData.importAirports(airports);

        assertThat(imported).extracting(Imported::outcome).containsExactly(ImportOutcome.REGISTERED, ImportOutcome.REGISTERED,
                ImportOutcome.REGISTERED, ImportOutcome.REGISTERED, null);
        assertThat(imported.get(4).failure()).hasMessageContaining("the event store refused ZZ04");
        assertOnlyTheOthersStoredAndIndexed(airports, 4);

        storage.unstorable.clear();
        assertThat(referenceData.importAirports(airports)).extracting(Imported::outcome).containsExactly(ImportOutcome.UNCHANGED,
                ImportOutcome.UNCHANGED, ImportOutcome.UNCHANGED, ImportOutcome.UNCHANGED, ImportOutcome.REGISTERED);
        assertThat(index.size()).isEqualTo(5);
    }

    private void assertOnlyTheOthersStoredAndIndexed(List<AirportDetails> airports, int failed) {
        for (int i = 0; i < airports.size(); i++) {
            String ident = airports.get(i).ident();
            if (i == failed) {
                assertThat(storedEvents(ident)).as(ident).isEmpty();
                assertThat(index.near(airports.get(i).latitude(), airports.get(i).longitude(), 100)).as(ident).isEmpty();
            } else {
                assertThat(storedEvents(ident)).as(ident).containsExactly(AirportRegistered.class);
                assertThat(index.near(airports.get(i).latitude(), airports.get(i).longitude(), 100)).as(ident).containsExactly(airports.get(i));
            }
        }
        assertThat(index.size()).isEqualTo(airports.size() - 1);
    }

    private List<Class<?>> storedEvents(String ident) {
        return storage.readEvents(ident, 0).asStream().<Class<?>>map(DomainEventMessage::getPayloadType).toList();
    }

    private static List<AirportDetails> airports(int count) {
        return IntStream.range(0, count).mapToObj(i -> airport(i, "Test field " + i)).toList();
    }

    /** Airports 1° apart, so that each is alone near its reference point. */
    private static AirportDetails airport(int i, String name) {
        return new AirportDetails("ZZ%02d".formatted(i), AirportType.SMALL_AIRPORT, name, 10 + i, 20, 100.0, "ZZ", "ZZ-01", "Test",
                false, null, null, List.of());
    }
}
